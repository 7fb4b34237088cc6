'use client';

import { useState } from 'react';
import { ROLES, type Role } from '../../lib/auth/roles.ts';
import type { PortalUser } from '../../lib/auth/users.ts';
import type { UserChange } from '../../lib/validations/users.ts';
import { changeUser } from './users-api.ts';

interface UserActionsProps {
  user: PortalUser;
  /** The admin looking at the page, who may not deactivate themselves. */
  isSelf: boolean;
  onChanged: (user: PortalUser) => void;
}

/** A row's role select, and deactivate / reactivate behind a confirmation; a refusal (the last admin) shows in the row. */
export function RoleSelect({ user, onChanged }: Omit<UserActionsProps, 'isSelf'>) {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  async function choose(role: Role): Promise<void> {
    setBusy(true);
    const outcome = await changeUser(user.id, { role });
    setBusy(false);
    setError(outcome.ok ? null : outcome.message);
    if (outcome.ok) onChanged(outcome.value);
  }

  return (
    <>
      <select
        className="select"
        aria-label={`Role of ${user.email}`}
        value={user.role}
        disabled={busy}
        onChange={(event) => void choose(event.target.value as Role)}
      >
        {ROLES.map((role) => (
          <option key={role} value={role}>
            {role}
          </option>
        ))}
      </select>
      {error && (
        <p className="users-table__error" role="alert">
          {error}
        </p>
      )}
    </>
  );
}

export function ActivationButton({ user, isSelf, onChanged }: UserActionsProps) {
  const [confirming, setConfirming] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const verb = user.active ? 'Deactivate' : 'Reactivate';

  async function apply(change: UserChange): Promise<void> {
    setBusy(true);
    const outcome = await changeUser(user.id, change);
    setBusy(false);
    setConfirming(false);
    setError(outcome.ok ? null : outcome.message);
    if (outcome.ok) onChanged(outcome.value);
  }

  if (isSelf && user.active) return <span className="muted">You cannot deactivate yourself</span>;
  if (!confirming) {
    return (
      <>
        <button type="button" className="button" onClick={() => setConfirming(true)}>
          {verb}…
        </button>
        {error && (
          <p className="users-table__error" role="alert">
            {error}
          </p>
        )}
      </>
    );
  }
  return (
    <span className="users-table__confirm" role="group" aria-label={`${verb} ${user.email}`}>
      <span>{user.active ? `${verb} ${user.email}? Their sessions end now.` : `${verb} ${user.email}? They can sign in again.`}</span>
      <button
        type="button"
        className="button button--primary"
        disabled={busy}
        onClick={() => void apply({ active: !user.active })}
        autoFocus
      >
        {verb}
      </button>
      <button type="button" className="button" disabled={busy} onClick={() => setConfirming(false)}>
        Cancel
      </button>
    </span>
  );
}
