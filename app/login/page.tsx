import type { Metadata } from 'next';
import { headers } from 'next/headers';
import Link from 'next/link';
import { LoginForm } from '../../components/auth/login-form.tsx';
import { PageHeader } from '../../components/ui/page-header.tsx';
import { actorOfHeaders } from '../../lib/auth/actor.ts';
import { services } from '../../lib/services.ts';

export const dynamic = 'force-dynamic';

export const metadata: Metadata = { title: 'Sign in' };

type Props = { searchParams: Promise<{ next?: string | string[] }> };

export default async function LoginPage({ searchParams }: Props) {
  const next = [(await searchParams).next].flat()[0];
  if (services().identity.mode === 'local') {
    return (
      <>
        <PageHeader title="Sign in" description="This portal runs with AUTH=local: nobody signs in." />
        <p className="notice" role="status">
          Everyone on this machine acts as the admin “local”. To share the portal, start it with AUTH=required (see the README).{' '}
          <Link href="/">Go to the catalogue</Link>.
        </p>
      </>
    );
  }
  const actor = await actorOfHeaders(await headers());
  return (
    <>
      <PageHeader title="Sign in" description="Sign in with the email and password an admin gave you." />
      {actor && (
        <p className="notice" role="status">
          You are signed in as {actor.name} ({actor.role}). <Link href="/">Go to the catalogue</Link>.
        </p>
      )}
      <LoginForm {...(next ? { next } : {})} />
    </>
  );
}
