import type { Metadata } from 'next';
import { headers } from 'next/headers';
import { redirect } from 'next/navigation';
import { ChangePasswordForm } from '../../components/auth/change-password-form.tsx';
import { PageHeader } from '../../components/ui/page-header.tsx';
import { accountOfHeaders } from '../../lib/auth/actor.ts';
import { MIN_PASSWORD_LENGTH } from '../../lib/auth/password-policy.ts';
import { services } from '../../lib/services.ts';

export const dynamic = 'force-dynamic';

export const metadata: Metadata = { title: 'Your account' };

type Props = { searchParams: Promise<{ next?: string | string[] }> };

export default async function AccountPage({ searchParams }: Props) {
  const next = [(await searchParams).next].flat()[0];
  const { identity } = services();
  if (identity.mode === 'local') {
    return (
      <>
        <PageHeader title="Your account" />
        <p className="notice" role="status">
          This portal runs with AUTH=local: nobody signs in, so there is no password to change.
        </p>
      </>
    );
  }
  const account = await accountOfHeaders(await headers());
  if (!account) redirect(`/login?next=${encodeURIComponent('/account')}`);
  const { actor, mustChangePassword: mustChange } = account;
  const user = actor.kind === 'user' ? await identity.users.find({ id: actor.id }) : null;
  return (
    <>
      <PageHeader
        title={mustChange ? 'Choose your password' : 'Change your password'}
        description={`Signed in as ${user?.email ?? actor.name} (${actor.role}).`}
      />
      {mustChange && (
        <p className="notice notice--warning" role="status">
          You signed in with a one-time password an admin gave you: choose your own now. The one-time password stops working.
        </p>
      )}
      <ChangePasswordForm minLength={MIN_PASSWORD_LENGTH} oneTime={mustChange} {...(next ? { next } : {})} />
    </>
  );
}
