'use client';

import { useState, type FormEvent } from 'react';
import { safeReturnPath } from './safe-return.ts';
import './login-form.css';

type Status = { state: 'idle' } | { state: 'signing-in' } | { state: 'failed'; message: string };

/**
 * Email and password, posted to better-auth's `/api/auth/sign-in/email`; on success the browser goes to `next`, by way
 * of /account when the password was a one-time one.
 */
export function LoginForm({ next }: { next?: string }) {
  const [status, setStatus] = useState<Status>({ state: 'idle' });

  async function signIn(event: FormEvent<HTMLFormElement>): Promise<void> {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    setStatus({ state: 'signing-in' });
    try {
      const response = await fetch('/api/auth/sign-in/email', {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ email: form.get('email'), password: form.get('password') }),
      });
      if (response.ok) {
        const { user } = (await response.json().catch(() => ({}))) as { user?: { mustChangePassword?: boolean } };
        // A one-time password from an admin: the user chooses their own first, then goes on.
        const target = safeReturnPath(next);
        window.location.assign(user?.mustChangePassword ? `/account?next=${encodeURIComponent(target)}` : target);
        return;
      }
      setStatus({ state: 'failed', message: await failureOf(response) });
    } catch {
      setStatus({ state: 'failed', message: 'The portal did not answer; check that it is running and try again.' });
    }
  }

  const busy = status.state === 'signing-in';
  return (
    <form
      className="login-form"
      onSubmit={(event) => void signIn(event)}
      aria-describedby={status.state === 'failed' ? 'login-error' : undefined}
    >
      <label>
        Email
        <input name="email" type="email" autoComplete="username" required autoFocus />
      </label>
      <label>
        Password
        <input name="password" type="password" autoComplete="current-password" required />
      </label>
      {status.state === 'failed' && (
        <p id="login-error" className="notice notice--error" role="alert">
          {status.message}
        </p>
      )}
      <button type="submit" className="button button--primary" disabled={busy}>
        {busy ? 'Signing in…' : 'Sign in'}
      </button>
    </form>
  );
}

/** What to tell someone whose sign-in was refused, in the words of the answer when it has some. */
async function failureOf(response: Response): Promise<string> {
  if (response.status === 401) return 'Wrong email or password.';
  const body = (await response.json().catch(() => ({}))) as { error?: string; message?: string };
  return body.error ?? body.message ?? `Sign-in failed (HTTP ${response.status}).`;
}
