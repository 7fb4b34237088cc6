import { Cluster } from 'ioredis';
import type { PersistenceState } from './persistence.ts';
import type { BrokerClient, BrokerConnection } from './redis.ts';

/**
 * The deferred-execution queue: a Redis Stream read through a consumer group. An event stays pending
 * until a worker acknowledges it, and one left unacknowledged (its worker died) is claimed again by the
 * next worker, so nothing is lost when a worker or the portal stops mid-task. Across a restart of Redis itself
 * that holds only with AOF on (`appendonly yes`); see persistence.ts.
 */
export const DEFERRED_STREAM = 'portal:deferred';
export const DEFERRED_GROUP = 'workers';
/**
 * The recently processed events. Its hash tag is the stream's whole name, so both keys share a slot and one
 * MULTI may touch both on a Redis Cluster; the stream keeps its old name, so no queued event is left behind.
 */
export const PROCESSED_LIST = `{${DEFERRED_STREAM}}:processed`;
/** The list's name before it took the hash tag (on one server: a cluster refused the MULTI across the two slots). */
const OLD_PROCESSED_LIST = 'portal:deferred:processed';
const PROCESSED_KEPT = 50;
/** Processed events keep this many characters of their body: a body may be 1 MB, and 50 are kept. */
export const BODY_PREVIEW_CHARS = 200;

export interface DeferredEvent {
  id: string;
  body: string;
  enqueuedAt: number;
}

export interface ProcessedEvent extends DeferredEvent {
  processedAt: number;
  consumer: string;
  /** The body's length in bytes; `body` holds its first BODY_PREVIEW_CHARS characters. */
  size: number;
  truncated: boolean;
}

export interface QueueStats {
  /** Queued and not yet handed to any worker. */
  depth: number;
  /** Handed to a worker and not yet acknowledged. */
  pending: number;
  consumers: number;
  /** Most recent first. */
  recentlyProcessed: ProcessedEvent[];
}

/** What `GET /api/queue` and `/queue` show: the stats, and whether Redis keeps them across a restart. */
export interface QueueReport extends QueueStats {
  persistence: PersistenceState;
}

/** Creates the stream and its consumer group if they are missing. */
export async function ensureDeferredQueue(redis: BrokerClient): Promise<void> {
  try {
    await redis.xgroup('CREATE', DEFERRED_STREAM, DEFERRED_GROUP, '0', 'MKSTREAM');
  } catch (error) {
    if (!/BUSYGROUP/.test((error as Error).message)) throw error;
  }
}

/**
 * Moves the recently processed events from the list's old name to its new one, each time the connection is
 * ready: a no-op once moved, when there is none, or on a cluster (where the old name never held anything).
 */
export function adoptOldProcessedList(connection: BrokerConnection, log: (message: string, cause: unknown) => void): void {
  const { redis } = connection;
  if (redis instanceof Cluster) return;
  const adopt = (): void =>
    void redis.renamenx(OLD_PROCESSED_LIST, PROCESSED_LIST).then(
      () => undefined,
      (error: Error) => {
        if (!/no such key/i.test(error.message)) log(`could not rename ${OLD_PROCESSED_LIST} to ${PROCESSED_LIST}`, error);
      },
    );
  if (connection.state() === 'ready') adopt();
  redis.on('ready', adopt);
}

/** Another event took the id that `nextDeferredId` gave (an XADD came in between): ask for a new one. */
export class DeferredIdTakenError extends Error {
  override readonly name = 'DeferredIdTakenError' as const;
  constructor(readonly id: string) {
    super(`Other deferred events kept taking this one's place in the queue (the id ${id} was taken); nothing was queued. Try again.`);
  }
}

/**
 * An id for the next event, after the stream's last one (its `last-generated-id`, deleted events included): the
 * current time, or one more than the last id within its millisecond. Knowing the id before the XADD lets its audit
 * row be written first; `enqueueDeferred` with it throws `DeferredIdTakenError` if another event came in between.
 * @example const id = await nextDeferredId(redis); // '1764676800123-0'
 */
export async function nextDeferredId(redis: BrokerClient, now = Date.now()): Promise<string> {
  await ensureDeferredQueue(redis);
  const info = (await redis.xinfo('STREAM', DEFERRED_STREAM)) as unknown[];
  const given = info[info.indexOf('last-generated-id') + 1];
  const last = typeof given === 'string' ? given : '0-0';
  const [ms = 0n, seq = 0n] = last.split('-').map((part) => BigInt(part));
  return BigInt(now) > ms ? `${now}-0` : `${ms}-${seq + 1n}`;
}

/**
 * Queues a body for deferred execution under `id` (from `nextDeferredId`), or one Redis picks; returns the id.
 * @example const id = await enqueueDeferred(redis, '{"task":"resize"}');
 */
export async function enqueueDeferred(redis: BrokerClient, body: string | Buffer, id = '*'): Promise<string> {
  await ensureDeferredQueue(redis);
  let added: string | null;
  try {
    added = await redis.xadd(DEFERRED_STREAM, id, 'body', body, 'enqueuedAt', String(Date.now()));
  } catch (error) {
    if (id !== '*' && /equal or smaller than the target stream top item/.test((error as Error).message)) throw new DeferredIdTakenError(id);
    throw error;
  }
  if (!added) throw new Error('XADD returned no id');
  return added;
}

/** Takes a queued event back out of the stream (its audit row could not be stored); a no-op once it is gone. */
export async function withdrawDeferred(redis: BrokerClient, id: string): Promise<void> {
  await redis.xdel(DEFERRED_STREAM, id);
}

type StreamEntry = [id: string, fields: string[]];

function toEvent([id, fields]: StreamEntry): DeferredEvent {
  const value = (name: string): string => fields[fields.indexOf(name) + 1] ?? '';
  return { id, body: value('body'), enqueuedAt: Number(value('enqueuedAt')) };
}

/**
 * The next event for `consumer`: first one another worker took but never acknowledged for `reclaimAfterMs`,
 * else a new one, waiting up to `blockMs` for it. Null when there is none.
 */
export async function claimNextDeferred(
  redis: BrokerClient,
  consumer: string,
  { blockMs = 5_000, reclaimAfterMs = 30_000 } = {},
): Promise<DeferredEvent | null> {
  await ensureDeferredQueue(redis);
  const [, claimed] = (await redis.xautoclaim(DEFERRED_STREAM, DEFERRED_GROUP, consumer, reclaimAfterMs, '0-0', 'COUNT', 1)) as [
    string,
    StreamEntry[],
  ];
  if (claimed[0]) return toEvent(claimed[0]);
  const fresh = (await redis.xreadgroup(
    'GROUP',
    DEFERRED_GROUP,
    consumer,
    'COUNT',
    1,
    'BLOCK',
    blockMs,
    'STREAMS',
    DEFERRED_STREAM,
    '>',
  )) as [string, StreamEntry[]][] | null;
  const entry = fresh?.[0]?.[1][0];
  return entry ? toEvent(entry) : null;
}

/** Marks an event done: acknowledged, removed from the stream and remembered among the recent ones, atomically. */
export async function acknowledgeDeferred(redis: BrokerClient, event: DeferredEvent, consumer: string): Promise<void> {
  const processed = withPreview({ ...event, processedAt: Date.now(), consumer });
  await redis
    .multi()
    .xack(DEFERRED_STREAM, DEFERRED_GROUP, event.id)
    .xdel(DEFERRED_STREAM, event.id)
    .lpush(PROCESSED_LIST, JSON.stringify(processed))
    .ltrim(PROCESSED_LIST, 0, PROCESSED_KEPT - 1)
    .exec();
}

/** Depth, pending and recently processed events, for `/queue` and `GET /api/queue`. */
export async function deferredQueueStats(redis: BrokerClient): Promise<QueueStats> {
  await ensureDeferredQueue(redis);
  const groups = (await redis.xinfo('GROUPS', DEFERRED_STREAM)) as (string | number)[][];
  const group = groups.find((g) => g[g.indexOf('name') + 1] === DEFERRED_GROUP) ?? [];
  const field = (name: string): number => Number(group[group.indexOf(name) + 1] ?? 0);
  const recent = await redis.lrange(PROCESSED_LIST, 0, PROCESSED_KEPT - 1);
  return {
    depth: field('lag'),
    pending: field('pending'),
    consumers: field('consumers'),
    // Events processed before previews were kept may still hold a whole body.
    recentlyProcessed: recent.map((json) => withPreview(JSON.parse(json) as ProcessedEvent)),
  };
}

function withPreview(event: Omit<ProcessedEvent, 'size' | 'truncated'> & Partial<ProcessedEvent>): ProcessedEvent {
  const size = event.size ?? Buffer.byteLength(event.body);
  const truncated = event.truncated ?? event.body.length > BODY_PREVIEW_CHARS;
  return { ...event, body: event.body.slice(0, BODY_PREVIEW_CHARS), size, truncated };
}
