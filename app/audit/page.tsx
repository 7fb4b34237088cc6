import type { Metadata } from 'next';
import { headers } from 'next/headers';
import Link from 'next/link';
import { redirect } from 'next/navigation';
import { AuditFilters } from '../../components/audit/audit-filters.tsx';
import { AuditTable } from '../../components/audit/audit-table.tsx';
import { EmptyState } from '../../components/ui/empty-state.tsx';
import { PageHeader } from '../../components/ui/page-header.tsx';
import type { AuditPage } from '../../lib/audit/audit-log.ts';
import { parseAuditQuery } from '../../lib/audit/query.ts';
import { AUDIT_ACTIONS } from '../../lib/audit/types.ts';
import { actorOfHeaders } from '../../lib/auth/actor.ts';
import { hasRole } from '../../lib/auth/roles.ts';
import { isPortalError } from '../../lib/errors.ts';
import { services } from '../../lib/services.ts';
import '../../components/audit/audit.css';

export const dynamic = 'force-dynamic';

export const metadata: Metadata = { title: 'Audit log' };

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

const DESCRIPTION = 'Every registration, status change, publish, sign-in and token or role change: who did it, when and from where.';

export default async function AuditLogPage({ searchParams }: Props) {
  const actor = await actorOfHeaders(await headers());
  if (!actor) redirect(`/login?next=${encodeURIComponent('/audit')}`);
  if (!hasRole(actor.role, 'admin')) {
    return (
      <>
        <PageHeader title="Audit log" description={DESCRIPTION} />
        <p className="notice notice--warning" role="status">
          The audit log is for admins; you are signed in as {actor.name} ({actor.role}). Ask an admin if you need to know who changed
          something.
        </p>
      </>
    );
  }
  const params = firstValues(await searchParams);
  const result = await readPage(params);
  return (
    <>
      <PageHeader title="Audit log" description={DESCRIPTION} />
      <AuditFilters actions={AUDIT_ACTIONS} {...(({ before: _, ...filters }) => filters)(params)} />
      {'error' in result ? (
        <p className="notice notice--error" role="alert">
          {result.error}
        </p>
      ) : result.events.length === 0 ? (
        <EmptyState title="Nothing audited matches">
          <p>{Object.keys(params).length > 0 ? 'Try fewer filters, or an earlier date.' : 'Nothing has been changed yet.'}</p>
        </EmptyState>
      ) : (
        <>
          <AuditTable events={result.events} />
          {result.next && (
            <p className="audit-paging">
              <Link className="button" href={`/audit?${new URLSearchParams({ ...params, before: result.next }).toString()}`}>
                Older
              </Link>
            </p>
          )}
        </>
      )}
    </>
  );
}

/** The filters a GET form sent, first value of each, blank ones left out. */
function firstValues(params: Record<string, string | string[] | undefined>): {
  actor?: string;
  action?: string;
  since?: string;
  before?: string;
} {
  const first = (name: string): string | undefined => [params[name]].flat()[0]?.trim() || undefined;
  const picked = { actor: first('actor'), action: first('action'), since: first('since'), before: first('before') };
  return Object.fromEntries(Object.entries(picked).filter(([, value]) => value !== undefined));
}

async function readPage(params: Record<string, string>): Promise<AuditPage | { error: string }> {
  try {
    return await services().audit.list(parseAuditQuery(new URLSearchParams(params)));
  } catch (error) {
    if (isPortalError(error, 'AuditQueryError')) return { error: error.message };
    throw error;
  }
}
