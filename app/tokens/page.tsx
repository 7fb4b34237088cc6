import type { Metadata } from 'next';
import { headers } from 'next/headers';
import { redirect } from 'next/navigation';
import { CreateTokenForm } from '../../components/tokens/create-token-form.tsx';
import { TokenTable } from '../../components/tokens/token-table.tsx';
import { PageHeader } from '../../components/ui/page-header.tsx';
import { actorOfHeaders } from '../../lib/auth/actor.ts';
import { hasRole, ROLES, type Actor } from '../../lib/auth/roles.ts';
import type { ApiTokenListing } from '../../lib/auth/tokens.ts';
import { log } from '../../lib/log.ts';
import { services } from '../../lib/services.ts';

export const dynamic = 'force-dynamic';

export const metadata: Metadata = { title: { absolute: 'API tokens — Event Portal' } };

const DESCRIPTION = 'Tokens for CI pipelines, the eda CLI and scripts: send one as Authorization: Bearer <token>.';

export default async function TokensPage() {
  // A database outage is for app/error.tsx to explain, not a reason to send anyone to sign in.
  const actor = await actorOfHeaders(await headers());
  if (!actor) redirect('/login?next=%2Ftokens');
  if (!hasRole(actor.role, 'editor'))
    return (
      <>
        <PageHeader title="API tokens" description={DESCRIPTION} />
        <p className="notice" role="status" data-testid="tokens-need-editor">
          Making API tokens needs the editor role; you are a viewer. A token can do no more than its maker, so ask an editor or an admin for
          one, or ask an admin for the editor role.
        </p>
      </>
    );
  const listing = await readTokens(actor);
  return (
    <>
      <PageHeader title="API tokens" description={DESCRIPTION} />
      <CreateTokenForm roles={ROLES.filter((role) => hasRole(actor.role, role))} />
      <section className="section" aria-labelledby="tokens-title">
        <h2 id="tokens-title" className="section__title">
          {actor.role === 'admin' ? 'All tokens' : 'Your tokens'}
        </h2>
        {listing.kind === 'ok' ? (
          <TokenTable tokens={listing.tokens} now={listing.now} showCreator={actor.role === 'admin'} />
        ) : (
          <p className="notice notice--error" role="alert">
            {listing.error}
          </p>
        )}
      </section>
    </>
  );
}

async function readTokens(
  actor: Actor,
): Promise<{ kind: 'ok'; tokens: ApiTokenListing[]; now: number } | { kind: 'failed'; error: string }> {
  try {
    return { kind: 'ok', tokens: await services().identity.tokens.list(actor), now: Date.now() };
  } catch (error) {
    log.error('listing API tokens failed', error);
    return { kind: 'failed', error: 'The tokens could not be read (is the database reachable?); the server log has the details.' };
  }
}
