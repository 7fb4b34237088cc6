import type { Metadata } from 'next';
import { headers } from 'next/headers';
import { redirect } from 'next/navigation';
import { PageHeader } from '../../components/ui/page-header.tsx';
import { UserManager } from '../../components/users/user-manager.tsx';
import { actorOfHeaders } from '../../lib/auth/actor.ts';
import { hasRole } from '../../lib/auth/roles.ts';
import type { PortalUser } from '../../lib/auth/users.ts';
import { log } from '../../lib/log.ts';
import { services } from '../../lib/services.ts';

export const dynamic = 'force-dynamic';

export const metadata: Metadata = { title: 'Users' };

const DESCRIPTION = 'Invite people, choose what they may do (viewer, editor, admin), and deactivate those who should no longer sign in.';

export default async function UsersPage() {
  const { identity } = services();
  const actor = await actorOfHeaders(await headers());
  if (!actor) redirect('/login?next=/users');
  if (!hasRole(actor.role, 'admin')) {
    return (
      <>
        <PageHeader title="Users" />
        <p className="notice" role="status">
          Only admins manage users; you are {actor.role === 'editor' ? 'an' : 'a'} {actor.role}. Ask an admin if you need another role.
        </p>
      </>
    );
  }
  const users = await readUsers();
  return (
    <>
      <PageHeader title="Users" description={DESCRIPTION} />
      {identity.mode === 'local' && (
        <p className="notice notice--warning" role="status">
          This portal runs with AUTH=local: nobody signs in, so these users matter once it runs with AUTH=required.
        </p>
      )}
      {typeof users === 'string' ? (
        <p className="notice notice--error" role="alert">
          {users}
        </p>
      ) : (
        <UserManager initial={users} selfId={actor.id} />
      )}
    </>
  );
}

/** The users, or what to tell the admin when they cannot be read. */
async function readUsers(): Promise<PortalUser[] | string> {
  try {
    return await services().identity.users.list();
  } catch (error) {
    log.error('listing the users failed', error);
    return 'The portal could not read the users (is the database reachable?); try again shortly. The server log has the details.';
  }
}
