import type { StoreClient } from '../../prisma/db.ts';
import { log } from '../log.ts';
import { recordAudit } from './record.ts';
import type { AuditContext, AuditEntry } from './types.ts';

/*
 * Redis is not in the database's transaction, so these order the two writes to keep the audit's promise:
 * the row is inserted first inside an open transaction (a database that is down refuses it, and nothing is sent:
 * 503), then the event is sent, then the row commits; a send that fails rolls the row back. What is left is a
 * commit that fails after the event went out, which is logged with the row it lost.
 */

/**
 * Sends an event (a PUBLISH) under its audit row: the row is stored before the event is sent and rolled back when
 * sending fails, so a failed publish is not audited as done and a publish is never sent without its row.
 * @example await sendAudited(db, { ...context, action: 'event.publish', target: topic, detail }, () => broker.publish(topic, body));
 */
export async function sendAudited<T>(db: StoreClient, entry: AuditEntry, send: () => Promise<T>): Promise<T> {
  let sent = false;
  try {
    return await db.$transaction(async (tx) => {
      await recordAudit(tx, entry);
      const result = await send();
      sent = true;
      return result;
    });
  } catch (error) {
    if (sent) log.error(`an audited ${entry.action} was sent but its audit row failed to commit: ${JSON.stringify(entry)}`, error);
    throw error;
  }
}

export interface DeferQueue {
  /** Queues the body (XADD); returns the event's id. */
  enqueue(): Promise<string>;
  /** Takes a queued event back out (XDEL), when its audit row could not be stored. */
  withdraw(id: string): Promise<void>;
}

/**
 * Queues a deferred event and records `event.defer` with its id. The id exists only once it is queued, so the row
 * follows the XADD inside a transaction opened before it (a database that is down refuses it first); when the row
 * cannot be stored, the event is withdrawn again, so none is queued without its row.
 * @example const id = await deferAudited(db, context, body.length, { enqueue: () => broker.deferExecution(body), withdraw });
 */
export async function deferAudited(db: StoreClient, context: AuditContext, bytes: number, queue: DeferQueue): Promise<string> {
  let queued: string | null = null;
  try {
    return await db.$transaction(async (tx) => {
      const eventId = await queue.enqueue();
      queued = eventId;
      await recordAudit(tx, { ...context, action: 'event.defer', target: `deferred:${eventId}`, detail: { eventId, bytes } });
      return eventId;
    });
  } catch (error) {
    if (queued !== null) await withdrawQuietly(queue, queued);
    throw error;
  }
}

async function withdrawQuietly(queue: DeferQueue, id: string): Promise<void> {
  try {
    await queue.withdraw(id);
  } catch (error) {
    log.error(`deferred event ${id} was queued without its audit row and could not be withdrawn`, error);
  }
}
