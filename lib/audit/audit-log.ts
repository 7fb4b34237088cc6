import type { StoreClient } from '../../prisma/db.ts';
import { listAuditEvents, type StoredAuditEvent } from '../../prisma/store/audit.ts';
import { isActionGroup, type AuditQuery } from './query.ts';
import { deferAudited, sendAudited, type DeferQueue } from './sending.ts';
import type { AuditContext, AuditEntry } from './types.ts';

/** One row of the audit log as the API and the page show it. */
export type AuditEvent = StoredAuditEvent;

/** A page of the audit log, newest first; `next` is the `before` of the next (older) page, null on the last. */
export interface AuditPage {
  events: AuditEvent[];
  next: string | null;
}

/** The audit log as the routes use it (`services().audit`). */
export interface AuditLog {
  list(query: AuditQuery): Promise<AuditPage>;
  /** Sends an event (a PUBLISH) under its audit row, as `sendAudited` does. */
  send<T>(entry: AuditEntry, send: () => Promise<T>): Promise<T>;
  /** Queues a deferred event and records `event.defer`, as `deferAudited` does. */
  defer(context: AuditContext, bytes: number, queue: DeferQueue): Promise<string>;
}

/**
 * The audit log on `db`.
 * @example const page = await createAuditLog(database.prisma).list({ action: 'document.', limit: 100 });
 */
export function createAuditLog(db: StoreClient): AuditLog {
  return {
    async list(query) {
      const action = query.action;
      // One row more than asked tells whether an older page exists.
      const rows = await listAuditEvents(db, {
        ...(query.actor !== undefined ? { actor: query.actor } : {}),
        ...(action !== undefined ? { action, actionPrefix: isActionGroup(action) } : {}),
        ...(query.since ? { since: query.since } : {}),
        ...(query.before !== undefined ? { before: query.before } : {}),
        limit: query.limit + 1,
      });
      const events = rows.slice(0, query.limit);
      return { events, next: rows.length > query.limit ? (events.at(-1)?.id ?? null) : null };
    },
    send: (entry, send) => sendAudited(db, entry, send),
    defer: (context, bytes, queue) => deferAudited(db, context, bytes, queue),
  };
}
