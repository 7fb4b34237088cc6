import type { Metadata } from 'next';
import { headers } from 'next/headers';
import Link from 'next/link';
import { LoginForm } from '../../components/auth/login-form.tsx';
import { OidcSignIn } from '../../components/auth/oidc-sign-in.tsx';
import { providerErrorMessage } from '../../components/auth/provider-error.ts';
import { PageHeader } from '../../components/ui/page-header.tsx';
import { accountOfHeaders } from '../../lib/auth/actor.ts';
import { services } from '../../lib/services.ts';

export const dynamic = 'force-dynamic';

export const metadata: Metadata = { title: 'Sign in' };

type Props = { searchParams: Promise<{ next?: string | string[]; error?: string | string[]; error_description?: string | string[] }> };

export default async function LoginPage({ searchParams }: Props) {
  const params = await searchParams;
  const next = [params.next].flat()[0];
  // A provider sign-in that failed comes back here with better-auth's or the provider's error.
  const error = [params.error].flat()[0];
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
  const account = await accountOfHeaders(await headers()).catch(() => null);
  const { oidc } = services().identity;
  return (
    <>
      <PageHeader
        title="Sign in"
        description={
          oidc
            ? `Sign in with ${oidc.name}, or with the email and password an admin gave you.`
            : 'Sign in with the email and password an admin gave you.'
        }
      />
      {error && (
        <p className="notice notice--error" role="alert" data-testid="provider-error">
          Sign-in{oidc ? ` with ${oidc.name}` : ''} failed: {providerErrorMessage(error, [params.error_description].flat()[0])}
        </p>
      )}
      {account && (
        <p className="notice" role="status">
          You are signed in as {account.actor.name} ({account.actor.role}).{' '}
          {account.mustChangePassword ? <Link href="/account">Choose your own password</Link> : <Link href="/">Go to the catalogue</Link>}.
        </p>
      )}
      {oidc && <OidcSignIn providerId={oidc.providerId} name={oidc.name} {...(next ? { next } : {})} />}
      <LoginForm {...(next ? { next } : {})} />
    </>
  );
}
