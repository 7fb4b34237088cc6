import { AuditQueryError } from '../errors.ts';
import { AUDIT_ACTIONS, isAuditAction } from './types.ts';

/** How many rows a page of the audit log has unless `limit` says, and at most. */
export const DEFAULT_AUDIT_LIMIT = 100;
export const MAX_AUDIT_LIMIT = 1000;
const MAX_ACTOR_CHARS = 320;

/** `GET /api/audit` and the /audit page's filters, checked. */
export interface AuditQuery {
  /** An actor's id or name (any case). */
  actor?: string;
  /** An exact action (`user.login`), or a group written with a trailing dot (`document.`, `user.`). */
  action?: string;
  since?: Date;
  /** The `next` of the page before: only older rows. */
  before?: bigint;
  limit: number;
}

/**
 * Reads the audit log's filters from a query string; each unusable one is an `AuditQueryError` (400) naming it.
 * Empty parameters (a GET form's blank fields) mean no filter.
 * @example parseAuditQuery(new URL(request.url).searchParams) // { action: 'document.', limit: 100 }
 */
export function parseAuditQuery(params: URLSearchParams): AuditQuery {
  const value = (name: string): string | undefined => {
    const raw = params.get(name)?.trim();
    if (raw?.includes('\0')) throw new AuditQueryError(name, `${name} contains a NUL character; remove it.`);
    return raw ? raw : undefined;
  };
  const actor = value('actor');
  const action = value('action');
  const since = value('since');
  const before = value('before');
  const limit = value('limit');
  return {
    ...(actor !== undefined ? { actor: actorFilter(actor) } : {}),
    ...(action !== undefined ? { action: actionFilter(action) } : {}),
    ...(since !== undefined ? { since: sinceFilter(since) } : {}),
    ...(before !== undefined ? { before: cursor(before) } : {}),
    limit: limit === undefined ? DEFAULT_AUDIT_LIMIT : pageSize(limit),
  };
}

/** Whether an action filter is a group (`document.`), matched as a prefix, rather than one action. */
export function isActionGroup(action: string): boolean {
  return action.endsWith('.');
}

function actorFilter(actor: string): string {
  if (actor.length > MAX_ACTOR_CHARS)
    throw new AuditQueryError('actor', `actor is ${actor.length} characters; an id or name has at most ${MAX_ACTOR_CHARS}.`);
  return actor;
}

function actionFilter(action: string): string {
  if (isAuditAction(action) || (isActionGroup(action) && AUDIT_ACTIONS.some((known) => known.startsWith(action)))) return action;
  throw new AuditQueryError(
    'action',
    `action "${action.slice(0, 60)}" is no audited action: use one of ${AUDIT_ACTIONS.join(', ')}, or a group such as "document." or "user.".`,
  );
}

function sinceFilter(since: string): Date {
  // An ISO 8601 date, with a time and zone or without (then midnight UTC).
  const date = /^\d{4}-\d{2}-\d{2}([T ][\d:.]+(Z|[+-]\d{2}:?\d{2})?)?$/.test(since) ? new Date(since) : null;
  if (!date || Number.isNaN(date.getTime()))
    throw new AuditQueryError('since', `since "${since.slice(0, 40)}" is no ISO date: send e.g. 2026-12-01 or 2026-12-01T09:30:00Z.`);
  return date;
}

/** PostgreSQL's largest bigint. */
const MAX_BIGINT = 9_223_372_036_854_775_807n;

function cursor(before: string): bigint {
  // 19 digits can still pass bigint's largest value, which the database would refuse with a 500.
  if (!/^[1-9]\d{0,18}$/.test(before) || BigInt(before) > MAX_BIGINT)
    throw new AuditQueryError('before', 'before must be the id of an audit row (a positive integer), as `next` gives it.');
  return BigInt(before);
}

function pageSize(limit: string): number {
  const size = /^\d{1,4}$/.test(limit) ? Number(limit) : NaN;
  if (!(size >= 1 && size <= MAX_AUDIT_LIMIT))
    throw new AuditQueryError('limit', `limit must be a whole number from 1 to ${MAX_AUDIT_LIMIT}.`);
  return size;
}
