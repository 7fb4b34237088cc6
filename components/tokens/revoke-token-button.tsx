'use client';

import { useRouter } from 'next/navigation';
import { useRef, useState, useTransition } from 'react';
import { problemOf, unreachable } from '../ui/request-problem.ts';

type Status = { state: 'idle' } | { state: 'confirming' } | { state: 'revoking' } | { state: 'failed'; message: string };

/** "Revoke", then a confirmation naming the token (Escape or Cancel backs out); DELETE /api/tokens/:id, then a refresh. */
export function RevokeTokenButton({ id, name }: { id: string; name: string }) {
  const router = useRouter();
  const [status, setStatus] = useState<Status>({ state: 'idle' });
  const [refreshing, startTransition] = useTransition();
  const trigger = useRef<HTMLButtonElement>(null);

  function cancel(): void {
    setStatus({ state: 'idle' });
    requestAnimationFrame(() => trigger.current?.focus());
  }

  async function revoke(): Promise<void> {
    setStatus({ state: 'revoking' });
    try {
      const response = await fetch(`/api/tokens/${encodeURIComponent(id)}`, { method: 'DELETE' });
      if (!response.ok) return setStatus({ state: 'failed', message: await problemOf(response, 'Revoking the token') });
      startTransition(() => router.refresh());
    } catch (error) {
      setStatus({ state: 'failed', message: unreachable(error, 'the token was not revoked') });
    }
  }

  if (status.state === 'idle' || status.state === 'failed')
    return (
      <span className="token-revoke">
        <button ref={trigger} type="button" className="button" onClick={() => setStatus({ state: 'confirming' })}>
          Revoke<span className="visually-hidden"> {name}</span>
        </button>
        {status.state === 'failed' && (
          <span className="notice notice--error" role="alert">
            {status.message}
          </span>
        )}
      </span>
    );
  const busy = status.state === 'revoking' || refreshing;
  return (
    <span className="token-revoke" role="group" aria-label={`Revoke ${name}?`} onKeyDown={(e) => e.key === 'Escape' && cancel()}>
      <span>Revoke “{name}”? Whatever uses it stops working at once.</span>
      <button type="button" className="button button--primary" disabled={busy} onClick={() => void revoke()} autoFocus>
        {busy ? 'Revoking…' : 'Revoke token'}
      </button>
      <button type="button" className="button" disabled={busy} onClick={cancel}>
        Cancel
      </button>
    </span>
  );
}
