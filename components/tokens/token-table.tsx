import type { ApiTokenListing } from '../../lib/auth/tokens.ts';
import { LocalTime } from '../queue/local-time.tsx';
import { EmptyState } from '../ui/empty-state.tsx';
import { Table, type TableColumn } from '../ui/table.tsx';
import { RevokeTokenButton } from './revoke-token-button.tsx';

const when = (date: Date | null) => (date ? <LocalTime ms={date.getTime()} /> : <span className="muted">—</span>);

/** Whether a token still works, as the last column says: revoked, expired, or active. */
function stateOf(token: ApiTokenListing, now: number): 'revoked' | 'expired' | 'active' {
  if (token.revokedAt) return 'revoked';
  return token.expiresAt && token.expiresAt.getTime() <= now ? 'expired' : 'active';
}

/** The tokens the signed-in user may see (as read at `now`), newest first, each with a Revoke button while it works; never their text. */
export function TokenTable({ tokens, showCreator, now }: { tokens: readonly ApiTokenListing[]; showCreator: boolean; now: number }) {
  if (tokens.length === 0)
    return (
      <EmptyState title="No API tokens yet">
        <p>Create one above for a CI pipeline, the eda CLI or a script; it is shown once.</p>
      </EmptyState>
    );
  const columns: TableColumn<ApiTokenListing>[] = [
    { header: 'Name', cell: (t) => t.name },
    { header: 'Role', cell: (t) => <span className="badge">{t.role}</span> },
    { header: 'Token', cell: (t) => <code>{t.prefix}…</code> },
    ...(showCreator ? [{ header: 'Created by', cell: (t: ApiTokenListing) => `${t.createdBy.name} (${t.createdBy.kind})` }] : []),
    { header: 'Created', cell: (t) => when(t.createdAt) },
    { header: 'Expires', cell: (t) => (t.expiresAt ? when(t.expiresAt) : <span className="muted">never</span>) },
    { header: 'Last used', cell: (t) => (t.lastUsedAt ? when(t.lastUsedAt) : <span className="muted">never</span>) },
    {
      header: 'State',
      cell: (t) => {
        const state = stateOf(t, now);
        if (state === 'revoked')
          return (
            <span className="badge badge--error">
              revoked <LocalTime ms={t.revokedAt?.getTime() ?? 0} />
            </span>
          );
        if (state === 'expired') return <span className="badge badge--warning">expired</span>;
        return <RevokeTokenButton id={t.id} name={t.name} />;
      },
    },
  ];
  return <Table columns={columns} rows={tokens} rowKey={(t) => t.id} label="API tokens" testId="token-table" />;
}
