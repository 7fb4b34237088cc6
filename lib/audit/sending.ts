import type { StoreClient } from '../../prisma/db.ts';
import { oneAtATime } from '../common/one-at-a-time.ts';
import { log } from '../log.ts';
import { GroupedAuditedSends } from './group-send.ts';
import { recordAudit } from './record.ts';
import type { AuditContext, AuditEntry } from './types.ts';

/*
 * Redis is not in the database's transaction, so these order the two writes to keep the audit's promise:
 * the row is inserted first inside an open transaction (a database that is down refuses it, and nothing is sent:
 * 503), then the event is sent, then the row commits; a send that fails rolls the row back. What is left is a
 * commit that fails after the event went out, which is logged with the row it lost.
 */

/** One group of sends per database client, so that every caller's publishes on a database share its transactions. */
const groups = new WeakMap<StoreClient, GroupedAuditedSends>();

/**
 * Sends an event (a PUBLISH) under its audit row: the row is stored before the event is sent and rolled back when
 * sending fails, so a failed publish is not audited as done and a publish is never sent without its row. Concurrent
 * sends on one database commit together (see `GroupedAuditedSends`).
 * @example await sendAudited(db, { ...context, action: 'event.publish', target: topic, detail }, () => broker.publish(topic, body));
 */
export function sendAudited<T>(db: StoreClient, entry: AuditEntry, send: () => Promise<T>): Promise<T> {
  let group = groups.get(db);
  if (!group) groups.set(db, (group = new GroupedAuditedSends(db)));
  return group.send(entry, send);
}

export interface DeferQueue {
  /** An id after the queue's last event, for the next one. */
  nextId(): Promise<string>;
  /** Queues the body (XADD) under `id`; throws `DeferredIdTakenError` when another event was queued since `nextId`. */
  enqueue(id: string): Promise<unknown>;
  /** Takes a queued event back out (XDEL), when its audit row failed to commit. */
  withdraw(id: string): Promise<void>;
}

/** How often a defer asks for a new id when another portal's events keep taking it. */
const DEFER_ATTEMPTS = 5;

/**
 * Defers run one at a time in this process (a few milliseconds each), outside their transactions so that waiting ones
 * hold no database connection: concurrent ones would otherwise choose the same id, and all but one choose again.
 */
const choosingIds = oneAtATime();

/**
 * Queues a deferred event and records `event.defer` with its id, in the order `sendAudited` keeps: the id is chosen
 * first, its row inserted in an open transaction (a database that is down or a row that cannot be stored queues
 * nothing), then the event queued, then the row committed; a commit that fails after it takes the event back out
 * (logged, as a worker may have taken it in that moment). Within a process, defers choose and use ids one at a time;
an id taken meanwhile by another process's event is chosen again.
 * @example const id = await deferAudited(db, context, body.length, { nextId, enqueue: (id) => broker.deferExecution(body, id), withdraw });
 */
export async function deferAudited(db: StoreClient, context: AuditContext, bytes: number, queue: DeferQueue): Promise<string> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await choosingIds(() => deferOnce(db, context, bytes, queue));
    } catch (error) {
      // By name: the broker's copy of the class may be another bundle's (see isPortalError in lib/errors.ts).
      const taken = error instanceof Error && error.name === 'DeferredIdTakenError';
      if (!taken || attempt === DEFER_ATTEMPTS) throw error;
    }
  }
}

async function deferOnce(db: StoreClient, context: AuditContext, bytes: number, queue: DeferQueue): Promise<string> {
  // Set inside the transaction's callback, read after it fails.
  const queued: { id: string | null } = { id: null };
  try {
    return await db.$transaction(async (tx) => {
      const eventId = await queue.nextId();
      await recordAudit(tx, { ...context, action: 'event.defer', target: `deferred:${eventId}`, detail: { eventId, bytes } });
      await queue.enqueue(eventId);
      queued.id = eventId;
      return eventId;
    });
  } catch (error) {
    // By name, as above: the connection was lost mid-XADD and the event may be queued, without its row.
    if (error instanceof Error && error.name === 'DeferredOutcomeUnknownError') {
      log.error(
        `a deferred event may have been queued without its audit row (the connection to Redis was lost): ${JSON.stringify(context)}`,
        error,
      );
    }
    if (queued.id !== null) {
      log.error(`deferred event ${queued.id} was queued but its audit row failed to commit; taking it back out`, error);
      await withdrawQuietly(queue, queued.id);
    }
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
