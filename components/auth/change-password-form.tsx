'use client';

import { useState, type FormEvent } from 'react';
import { safeReturnPath } from './safe-return.ts';
import './login-form.css';

type Status = { state: 'idle' } | { state: 'saving' } | { state: 'saved' } | { state: 'failed'; message: string };

interface ChangePasswordFormProps {
  minLength: number;
  /** The current password is the one-time one an admin handed over. */
  oneTime: boolean;
  /** Where to go once it is changed; stays on the page when absent. */
  next?: string;
}

/** Current and new password, posted to better-auth's `/api/auth/change-password`, which ends the other sessions. */
export function ChangePasswordForm({ minLength, oneTime, next }: ChangePasswordFormProps) {
  const [status, setStatus] = useState<Status>({ state: 'idle' });

  async function change(event: FormEvent<HTMLFormElement>): Promise<void> {
    event.preventDefault();
    const form = event.currentTarget;
    const data = new FormData(form);
    if (data.get('newPassword') !== data.get('repeat')) {
      setStatus({ state: 'failed', message: 'The new passwords differ; type the same one twice.' });
      return;
    }
    setStatus({ state: 'saving' });
    try {
      const response = await fetch('/api/auth/change-password', {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({
          currentPassword: data.get('currentPassword'),
          newPassword: data.get('newPassword'),
          revokeOtherSessions: true,
        }),
      });
      if (!response.ok) {
        setStatus({ state: 'failed', message: await failureOf(response) });
        return;
      }
      if (next !== undefined || oneTime) {
        window.location.assign(safeReturnPath(next));
        return;
      }
      form.reset();
      setStatus({ state: 'saved' });
    } catch {
      setStatus({ state: 'failed', message: 'The portal did not answer; check that it is running and try again.' });
    }
  }

  return (
    <form className="login-form" onSubmit={(event) => void change(event)}>
      <label>
        {oneTime ? 'One-time password' : 'Current password'}
        <input name="currentPassword" type="password" autoComplete="current-password" required autoFocus />
      </label>
      <label>
        New password <span className="muted">(at least {minLength} characters)</span>
        <input name="newPassword" type="password" autoComplete="new-password" required minLength={minLength} />
      </label>
      <label>
        Repeat the new password
        <input name="repeat" type="password" autoComplete="new-password" required minLength={minLength} />
      </label>
      {status.state === 'failed' && (
        <p className="notice notice--error" role="alert">
          {status.message}
        </p>
      )}
      {status.state === 'saved' && (
        <p className="notice notice--success" role="status">
          Your password is changed; your other sessions have ended.
        </p>
      )}
      <button type="submit" className="button button--primary" disabled={status.state === 'saving'}>
        {status.state === 'saving' ? 'Saving…' : 'Change password'}
      </button>
    </form>
  );
}

/** What to tell someone whose change was refused: better-auth says why (a wrong current password, a short new one). */
async function failureOf(response: Response): Promise<string> {
  const body = (await response.json().catch(() => ({}))) as { message?: string; code?: string };
  if (body.code === 'INVALID_PASSWORD') return 'The current password is wrong.';
  return body.message ?? `The change failed (HTTP ${response.status}).`;
}
