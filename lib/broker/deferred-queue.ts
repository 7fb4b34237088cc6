import { randomBytes } from 'node:crypto';
import { Cluster, ReplyError } from 'ioredis';
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

/** The connection to Redis was lost during an XADD and did not come back in time to tell whether it went through. */
export class DeferredOutcomeUnknownError extends Error {
  override readonly name = 'DeferredOutcomeUnknownError' as const;
  constructor(readonly id: string) {
    super(
      `The connection to Redis was lost while queueing event ${id}; it may or may not be queued. Check /queue before sending it again.`,
    );
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
 * An event under a chosen id carries a `nonce`, so that an XADD whose reply a dropped connection lost is not left in
 * doubt: once the connection is back (within RECHECK_MS), the entry under that id with this call's nonce is this event,
 * queued once; none means it was never queued and the error stands. The same check tells a resent XADD that finds
 * its own id taken from another event's.
 * @example const id = await enqueueDeferred(redis, '{"task":"resize"}');
 */
export async function enqueueDeferred(
  redis: BrokerClient,
  body: string | Buffer,
  id = '*',
  nonce = randomBytes(12).toString('base64url'),
): Promise<string> {
  await ensureDeferredQueue(redis);
  const fields = id === '*' ? [] : ['nonce', nonce];
  let added: string | null;
  try {
    added = await redis.xadd(DEFERRED_STREAM, id, 'body', body, 'enqueuedAt', String(Date.now()), ...fields);
  } catch (error) {
    if (id === '*') throw error;
    const taken = error instanceof ReplyError && /equal or smaller than the target stream top item/.test((error as Error).message);
    // Any other reply is Redis refusing the XADD: nothing was queued. A lost connection leaves it in doubt.
    if (error instanceof ReplyError && !taken) throw error;
    if (await queuedWith(redis, id, nonce)) return id;
    throw taken ? new DeferredIdTakenError(id) : error;
  }
  if (!added) throw new Error('XADD returned no id');
  return added;
}

/** How long an XADD in doubt waits for its connection to be back to learn whether it went through. */
const RECHECK_MS = 3_000;

/**
 * Whether the stream's event `id` is the one queued with `nonce`, once the connection is ready (it may be coming back
 * from the fault that raised the question); throws the DeferredOutcomeUnknownError when it is not back in time.
 */
async function queuedWith(redis: BrokerClient, id: string, nonce: string): Promise<boolean> {
  if (redis.status !== 'ready' && !(await readyWithin(redis, RECHECK_MS))) throw new DeferredOutcomeUnknownError(id);
  const [entry] = (await redis.xrange(DEFERRED_STREAM, id, id)) as StreamEntry[];
  return entry !== undefined && fieldOf(entry[1], 'nonce') === nonce;
}

/** Whether `redis` is ready within `ms`; the failed reconnects it reports meanwhile (its 'error' events) do not end the wait. */
function readyWithin(redis: BrokerClient, ms: number): Promise<boolean> {
  return new Promise((resolve) => {
    const done = (ready: boolean): void => {
      clearTimeout(timer);
      redis.off('ready', onReady);
      resolve(ready);
    };
    const onReady = (): void => done(true);
    const timer = setTimeout(() => done(false), ms);
    redis.on('ready', onReady);
  });
}

/** A field's value in a stream entry's [name, value, name, value, …] list; a value equal to `name` is not a name. */
function fieldOf(fields: readonly string[], name: string): string | undefined {
  for (let i = 0; i + 1 < fields.length; i += 2) if (fields[i] === name) return fields[i + 1];
  return undefined;
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
