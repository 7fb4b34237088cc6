import type { Prisma } from '../generated/client.ts';
import type { StoreClient } from '../db.ts';
import { jsonColumn, readAuditDetail } from './json-columns.ts';

/** Who acted, as stored: lib/audit names the kinds (user, token, local); the column keeps any. */
export interface StoredActor {
  kind: string;
  id: string;
  name: string;
}

/** One row to append to the audit log. */
export interface AuditRow {
  actor: StoredActor;
  action: string;
  target: string;
  detail: object;
  /** The client's address, or null when it is not known (a request made without server.ts, a start-up task). */
  ip: string | null;
}

/** A stored row of the audit log; `id` is a decimal string (a bigint), the cursor for older rows. */
export interface StoredAuditEvent extends AuditRow {
  id: string;
  at: string;
  detail: Record<string, Prisma.JsonValue>;
}

export interface AuditFilter {
  /** An actor's id, or their name in any case. */
  actor?: string;
  /** An exact action, or a prefix (`document.`) when `actionPrefix` is set. */
  action?: string;
  actionPrefix?: boolean;
  since?: Date;
  /** Only rows older than this id (the cursor of the previous page). */
  before?: bigint;
  limit: number;
}

/** Anything that runs queries: the client, or the transaction of the change being audited. */
type Writer = Pick<Prisma.TransactionClient, 'auditEvent'>;

/**
 * Appends one row to the audit log, on `db` or inside the transaction of the change it records, so that the two
 * are stored together or not at all.
 * @example await db.$transaction(async (tx) => { await change(tx); await insertAuditEvent(tx, row); });
 */
export async function insertAuditEvent(db: Writer, row: AuditRow): Promise<void> {
  await db.auditEvent.create({ data: auditColumns(row) });
}

/**
 * Appends several rows in one statement, in order (their ids ascend as given), inside the caller's transaction.
 * @example await db.$transaction((tx) => insertAuditEvents(tx, rows));
 */
export async function insertAuditEvents(db: Writer, rows: readonly AuditRow[]): Promise<void> {
  await db.auditEvent.createMany({ data: rows.map(auditColumns) });
}

function auditColumns(row: AuditRow): Prisma.AuditEventCreateManyInput {
  return {
    actorKind: row.actor.kind,
    actorId: row.actor.id,
    actorName: row.actor.name,
    action: row.action,
    target: row.target,
    detail: jsonColumn(row.detail),
    ip: row.ip,
  };
}

const AUDIT_COLUMNS = {
  id: true,
  at: true,
  actorKind: true,
  actorId: true,
  actorName: true,
  action: true,
  target: true,
  detail: true,
  ip: true,
} satisfies Prisma.AuditEventSelect;

function toAuditEvent(row: Prisma.AuditEventGetPayload<{ select: typeof AUDIT_COLUMNS }>): StoredAuditEvent {
  return {
    id: row.id.toString(),
    at: row.at.toISOString(),
    actor: { kind: row.actorKind, id: row.actorId, name: row.actorName },
    action: row.action,
    target: row.target,
    detail: readAuditDetail(row.detail),
    ip: row.ip,
  };
}

/**
 * The audit log's rows that match `filter`, newest first, at most `limit`.
 * @example const rows = await listAuditEvents(db, { action: 'document.', actionPrefix: true, limit: 100 });
 */
export async function listAuditEvents(db: StoreClient, filter: AuditFilter): Promise<StoredAuditEvent[]> {
  const where: Prisma.AuditEventWhereInput = {
    ...(filter.actor !== undefined
      ? { OR: [{ actorId: filter.actor }, { actorName: { equals: filter.actor, mode: 'insensitive' } }] }
      : {}),
    ...(filter.action !== undefined ? { action: filter.actionPrefix ? { startsWith: filter.action } : filter.action } : {}),
    ...(filter.since ? { at: { gte: filter.since } } : {}),
    ...(filter.before !== undefined ? { id: { lt: filter.before } } : {}),
  };
  const rows = await db.auditEvent.findMany({ where, select: AUDIT_COLUMNS, orderBy: { id: 'desc' }, take: filter.limit });
  return rows.map(toAuditEvent);
}
