'use client';

import { useRouter } from 'next/navigation';
import { useState, useTransition, type FormEvent } from 'react';
import type { Role } from '../../lib/auth/roles.ts';
import { MAX_TOKEN_NAME_LENGTH } from '../../lib/validations/tokens.ts';
import { NewTokenNotice } from './new-token-notice.tsx';
import { problemOf, unreachable } from '../ui/request-problem.ts';
import './tokens.css';

/** The lifetimes offered, in days; empty for a token that never expires. */
const LIFETIMES = [
  { days: '30', label: '30 days' },
  { days: '90', label: '90 days' },
  { days: '365', label: '1 year' },
  { days: '', label: 'Never' },
] as const;

type Status =
  { state: 'idle' } | { state: 'creating' } | { state: 'failed'; message: string } | { state: 'created'; name: string; token: string };

/**
 * Makes an API token (POST /api/tokens) with a name, one of `roles` (those the signed-in user may give) and a
 * lifetime, then shows its text once and refreshes the list.
 */
export function CreateTokenForm({ roles }: { roles: readonly Role[] }) {
  const router = useRouter();
  const [status, setStatus] = useState<Status>({ state: 'idle' });
  const [refreshing, startTransition] = useTransition();

  async function create(event: FormEvent<HTMLFormElement>): Promise<void> {
    event.preventDefault();
    const form = event.currentTarget;
    const data = new FormData(form);
    const days = data.get('expiresInDays');
    setStatus({ state: 'creating' });
    try {
      const response = await fetch('/api/tokens', {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({
          name: data.get('name'),
          role: data.get('role'),
          ...(typeof days === 'string' && days ? { expiresInDays: Number(days) } : {}),
        }),
      });
      if (!response.ok) return setStatus({ state: 'failed', message: await problemOf(response, 'Creating the token') });
      const created = (await response.json()) as { name: string; token: string };
      setStatus({ state: 'created', name: created.name, token: created.token });
      form.reset();
      startTransition(() => router.refresh());
    } catch (error) {
      setStatus({ state: 'failed', message: unreachable(error, 'no token was created') });
    }
  }

  const busy = status.state === 'creating' || refreshing;
  return (
    <section className="section" aria-labelledby="create-token-title">
      <h2 id="create-token-title" className="section__title">
        Create a token
      </h2>
      {status.state === 'created' && (
        <NewTokenNotice name={status.name} token={status.token} onDismiss={() => setStatus({ state: 'idle' })} />
      )}
      <form className="token-form" onSubmit={(event) => void create(event)} aria-busy={busy}>
        <label>
          Name
          <input className="input" name="name" required maxLength={MAX_TOKEN_NAME_LENGTH} placeholder="ci-deploy" autoComplete="off" />
        </label>
        <label>
          Role
          <select className="select" name="role" defaultValue={roles.includes('editor') ? 'editor' : roles[0]}>
            {roles.map((role) => (
              <option key={role} value={role}>
                {role}
              </option>
            ))}
          </select>
        </label>
        <label>
          Expires
          <select className="select" name="expiresInDays" defaultValue="90">
            {LIFETIMES.map(({ days, label }) => (
              <option key={label} value={days}>
                {label}
              </option>
            ))}
          </select>
        </label>
        <button type="submit" className="button button--primary" disabled={busy}>
          {status.state === 'creating' ? 'Creating…' : 'Create token'}
        </button>
      </form>
      {status.state === 'failed' && (
        <p className="notice notice--error" role="alert">
          {status.message}
        </p>
      )}
    </section>
  );
}
