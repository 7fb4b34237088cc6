'use client';

import { useState } from 'react';
import { safeReturnPath } from './safe-return.ts';
import './login-form.css';

type Status = { state: 'idle' } | { state: 'redirecting' } | { state: 'failed'; message: string };

/**
 * "Sign in with <provider>": asks the portal (`POST /api/auth/sign-in/social`) for the provider's sign-in address and
 * goes there; the provider sends the browser back to `next`, or to this page with its error when sign-in fails.
 */
export function OidcSignIn({ providerId, name, next }: { providerId: string; name: string; next?: string }) {
  const [status, setStatus] = useState<Status>({ state: 'idle' });
  const returnTo = safeReturnPath(next);

  async function signIn(): Promise<void> {
    setStatus({ state: 'redirecting' });
    try {
      const response = await fetch('/api/auth/sign-in/social', {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({
          provider: providerId,
          callbackURL: returnTo,
          errorCallbackURL: returnTo === '/' ? '/login' : `/login?next=${encodeURIComponent(returnTo)}`,
          disableRedirect: true,
        }),
      });
      const body = (await response.json().catch(() => ({}))) as { url?: string; message?: string; error?: string };
      if (response.ok && typeof body.url === 'string') {
        window.location.assign(body.url);
        return;
      }
      setStatus({ state: 'failed', message: body.message ?? body.error ?? `Sign-in with ${name} failed (HTTP ${response.status}).` });
    } catch {
      setStatus({ state: 'failed', message: 'The portal did not answer; check that it is running and try again.' });
    }
  }

  return (
    <div className="login-form login-form--provider">
      <button type="button" className="button" onClick={() => void signIn()} disabled={status.state === 'redirecting'}>
        {status.state === 'redirecting' ? `Going to ${name}…` : `Sign in with ${name}`}
      </button>
      {status.state === 'failed' && (
        <p className="notice notice--error" role="alert">
          {status.message}
        </p>
      )}
    </div>
  );
}
