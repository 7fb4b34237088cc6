'use client';

import { useState, type FormEvent } from 'react';
import { ROLES, type Role } from '../../lib/auth/roles.ts';
import type { PortalUser } from '../../lib/auth/users.ts';
import { MAX_EMAIL_LENGTH, MAX_NAME_LENGTH } from '../../lib/validations/users.ts';
import { inviteUser } from './users-api.ts';

type Status = { state: 'idle' } | { state: 'inviting' } | { state: 'failed'; message: string };

/** Email, optional name and role, posted to POST /api/users; hands the new user and their password to `onInvited`. */
export function InviteForm({ onInvited }: { onInvited: (user: PortalUser, password: string) => void }) {
  const [status, setStatus] = useState<Status>({ state: 'idle' });

  async function invite(event: FormEvent<HTMLFormElement>): Promise<void> {
    event.preventDefault();
    const form = event.currentTarget;
    const data = new FormData(form);
    const text = (field: string): string => {
      const value = data.get(field);
      return typeof value === 'string' ? value : '';
    };
    const name = text('name').trim();
    setStatus({ state: 'inviting' });
    const outcome = await inviteUser({
      email: text('email'),
      role: text('role') as Role,
      ...(name ? { name } : {}),
    });
    if (!outcome.ok) {
      setStatus({ state: 'failed', message: outcome.message });
      return;
    }
    form.reset();
    setStatus({ state: 'idle' });
    onInvited(outcome.value.user, outcome.value.password);
  }

  return (
    <form className="invite-form" onSubmit={(event) => void invite(event)} aria-labelledby="invite-title">
      <h2 id="invite-title">Invite a user</h2>
      <div className="invite-form__fields">
        <label>
          Email
          <input className="input" name="email" type="email" required maxLength={MAX_EMAIL_LENGTH} autoComplete="off" />
        </label>
        <label>
          Name <span className="muted">(optional)</span>
          <input className="input" name="name" type="text" maxLength={MAX_NAME_LENGTH} autoComplete="off" />
        </label>
        <label>
          Role
          <select className="select" name="role" defaultValue="viewer">
            {ROLES.map((role) => (
              <option key={role} value={role}>
                {role}
              </option>
            ))}
          </select>
        </label>
        <button type="submit" className="button button--primary" disabled={status.state === 'inviting'}>
          {status.state === 'inviting' ? 'Inviting…' : 'Invite'}
        </button>
      </div>
      {status.state === 'failed' && (
        <p className="notice notice--error" role="alert">
          {status.message}
        </p>
      )}
    </form>
  );
}
