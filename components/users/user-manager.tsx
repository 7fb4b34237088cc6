'use client';

import { useState } from 'react';
import type { PortalUser } from '../../lib/auth/users.ts';
import { EmptyState } from '../ui/empty-state.tsx';
import { Table, type TableColumn } from '../ui/table.tsx';
import { InviteForm } from './invite-form.tsx';
import { OneTimePassword } from './one-time-password.tsx';
import { ActivationButton, RoleSelect } from './user-actions.tsx';
import './users.css';

/** The Users page's body: the invite form, the password of the user just invited, and the table of users. */
export function UserManager({ initial, selfId }: { initial: PortalUser[]; selfId: string }) {
  const [users, setUsers] = useState(initial);
  const [invited, setInvited] = useState<{ email: string; password: string } | null>(null);

  const replace = (user: PortalUser) => setUsers((all) => all.map((u) => (u.id === user.id ? user : u)));
  const columns: TableColumn<PortalUser>[] = [
    { header: 'Email', cell: (u) => u.email },
    { header: 'Name', cell: (u) => u.name },
    { header: 'Role', cell: (u) => <RoleSelect user={u} onChanged={replace} /> },
    {
      header: 'State',
      cell: (u) => (
        <>
          <span className={u.active ? 'badge badge--ok' : 'badge badge--error'}>{u.active ? 'active' : 'deactivated'}</span>
          {u.mustChangePassword && <span className="muted"> one-time password</span>}
        </>
      ),
    },
    { header: 'Since', cell: (u) => <time dateTime={u.createdAt}>{u.createdAt.slice(0, 10)}</time> },
    {
      header: 'Last sign-in',
      cell: (u) =>
        u.lastSignInAt ? (
          <time dateTime={u.lastSignInAt} title={u.lastSignInAt}>
            {u.lastSignInAt.slice(0, 16).replace('T', ' ')} UTC
          </time>
        ) : (
          <span className="muted">never</span>
        ),
    },
    {
      header: <span className="visually-hidden">Actions</span>,
      cell: (u) => <ActivationButton user={u} isSelf={u.id === selfId} onChanged={replace} />,
    },
  ];

  return (
    <>
      {invited ? (
        <OneTimePassword email={invited.email} password={invited.password} onDone={() => setInvited(null)} />
      ) : (
        <InviteForm
          onInvited={(user, password) => {
            setUsers((all) => [...all, user].sort((a, b) => a.email.localeCompare(b.email)));
            setInvited({ email: user.email, password });
          }}
        />
      )}
      {users.length === 0 ? (
        <EmptyState title="No users yet">
          <p>Invite the first one above, or run `npm run users -- add --email you@example.com --role admin`.</p>
        </EmptyState>
      ) : (
        <Table columns={columns} rows={users} rowKey={(u) => u.id} label="Users" testId="users-table" className="users-table" />
      )}
    </>
  );
}
