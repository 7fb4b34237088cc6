import type { Redis } from 'ioredis';
import type { BrokerClient } from '../broker/redis.ts';
import type { Inspection } from '../conformance/checker.ts';
import { log } from '../log.ts';
import { throttledLog } from '../log-throttle.ts';
import { TrafficBatch, type UndocumentedBounds } from './batch.ts';
import { flushBatch } from './flush.ts';
import type { HistoryBounds } from './history-entry.ts';
import { HistoryOutbox } from './history-outbox.ts';
import type { TrafficKeys } from './keys.ts';
import { acquireLease, LEASE_MS, leaseToken, releaseLease, renewLease } from './lease.ts';

/** How often the lease holder sends what it counted. */
export const FLUSH_MS = 250;
/** What a holder that gives the lease up says on the handover channel (a token always has a `#`). */
const RELEASED = 'released';

export interface TrafficRecorderOptions {
  /** The command connection. */
  redis: BrokerClient;
  /** The tail's pub/sub connection: it SUBSCRIBEs the handover channel, whose messages reach `handover` through the bridge. */
  subscriber: Redis;
  keys: TrafficKeys;
  /** This process among the instances (lib/instance-id.ts), named in the lease. */
  instanceId: string;
  leaseMs?: number;
  flushMs?: number;
  bounds?: UndocumentedBounds;
  /** Keeps recent traffic in the history stream too, within these bounds (see history-append.ts). */
  history?: HistoryBounds;
}

export interface TrafficRecorder {
  /** Counts one inspected message, if this instance is the one that counts. */
  record(inspection: Inspection, channel: string, payload: Buffer, at: number): void;
  /** Whether `channel` is the handover channel (its messages are not traffic); starts counting at this instance's own. */
  handover(channel: string, payload: Buffer): boolean;
  /** Drops counted but unsent undocumented channels that the catalogue now describes. */
  forgetDocumented(isDocumented: (channel: string) => boolean): void;
  /** Whether this instance counts now. */
  counting(): boolean;
  /** Sends what it recorded so far, when it counts; resolves whether it does. */
  settle(): Promise<boolean>;
  /** Sends what it counted, gives the lease up and stops. */
  stop(): Promise<void>;
}

type Tenure =
  | { kind: 'idle'; retryAt: number }
  | { kind: 'announcing'; token: string; since: number; announced: number }
  | { kind: 'counting'; token: string; sent: number };
type Counting = Extract<Tenure, { kind: 'counting' }>;

const logFailure = throttledLog((message, cause) => log.error(message, cause), 60_000);
// An instance that cannot hear the broker takes the lease and gives it up again every other lease or so.
const logGaveUp = throttledLog((message) => log.warn(message), 10 * 60_000);

/**
 * Counts traffic once however many instances run: only the holder of a lease in Redis counts. A new holder
 * PUBLISHes a handover message and counts from the point it hears it back: Redis delivers messages to every
 * subscriber in one order, so what it counts was published after the lease moved, and every batch of a former
 * holder is fenced off by then. Messages in between are not counted (a gap, never a double count).
 * @example const recorder = startTrafficRecorder({ redis, subscriber, keys: trafficKeys(installation), instanceId });
 */
export function startTrafficRecorder(options: TrafficRecorderOptions): TrafficRecorder {
  const { redis, subscriber, keys, instanceId, leaseMs = LEASE_MS, flushMs = FLUSH_MS, bounds } = options;
  const history = options.history ? new HistoryOutbox(options.history) : null;
  let tenure: Tenure = { kind: 'idle', retryAt: 0 };
  let batch = new TrafficBatch(bounds);
  /** A batch sent but not known to be applied: it is sent again, under its number, before anything newer. */
  let unsent: { id: number; batch: TrafficBatch } | null = null;
  let listening = false;
  let stopped = false;
  const queue = serialQueue();

  function forgetBatches(): void {
    batch = new TrafficBatch(bounds);
    unsent = null;
    history?.forget();
  }
  /** Stops counting under `token`, unless a later tenure already replaced it. */
  function drop(token: string, reason: string): void {
    if (tenure.kind === 'idle' || tenure.token !== token) return;
    tenure = { kind: 'idle', retryAt: 0 };
    forgetBatches();
    log.info(`stopped counting traffic: ${reason}`);
  }

  async function tick(): Promise<void> {
    const current = tenure;
    if (current.kind === 'idle') {
      if (!listening || subscriber.status !== 'ready' || Date.now() < current.retryAt) return;
      const token = leaseToken(instanceId);
      if (!(await acquireLease(redis, keys, token, leaseMs))) return;
      tenure = { kind: 'announcing', token, since: Date.now(), announced: 0 };
      return announce(tenure);
    }
    if (!(await renewLease(redis, keys, current.token, leaseMs)))
      return drop(current.token, 'the lease lapsed or passed to another instance');
    // Read again: the handover may have come while the renewal was on its way.
    const now = tenure;
    if (now.kind !== 'announcing' || now.token !== current.token) return;
    // Its own handover never came back: it cannot hear the broker, so another instance should count.
    if (Date.now() - now.since > leaseMs) return resign('this instance does not hear its own handover message', leaseMs);
    await announce(now);
  }
  async function announce(announcing: Extract<Tenure, { kind: 'announcing' }>): Promise<void> {
    await redis.publish(keys.handover, `${announcing.token} ${++announcing.announced}`);
  }

  async function flush(counting: Counting): Promise<void> {
    if (!unsent && !batch.empty) {
      unsent = { id: ++counting.sent, batch };
      batch = new TrafficBatch(bounds);
    }
    if (unsent) {
      const outcome = await flushBatch(redis, keys, {
        token: counting.token,
        id: unsent.id,
        batch: unsent.batch,
        ...(bounds ? { bounds } : {}),
      });
      unsent = null;
      if (outcome === 'fenced') return drop(counting.token, 'another instance holds the lease now');
    }
    if (history && (await history.flush(redis, keys, counting.token)) === 'fenced')
      drop(counting.token, 'another instance holds the lease now');
  }
  const pending = (): boolean => unsent !== null || !batch.empty || (history !== null && !history.empty);

  async function resign(reason: string, backoffMs = 0): Promise<void> {
    const from = tenure;
    if (from.kind === 'idle') return;
    tenure = { kind: 'idle', retryAt: Date.now() + backoffMs };
    try {
      if (from.kind === 'counting') for (let i = 0; i < 2 && pending(); i++) await flush(from);
    } finally {
      forgetBatches();
      // Told on the handover channel, the others try for the lease at once rather than at their next tick.
      if (await releaseLease(redis, keys, from.token)) await redis.publish(keys.handover, RELEASED);
      if (from.kind === 'counting') log.info(`stopped counting traffic: ${reason}`);
      else logGaveUp(`gave the traffic lease up before counting: ${reason}`);
    }
  }

  const onReady = (): void => void (stopped || queue.once('tick', tick));
  const onClose = (): void => void queue.once('resign', () => resign('its broker subscription was cut'));
  subscriber.on('ready', onReady);
  subscriber.on('close', onClose);
  subscriber.subscribe(keys.handover).then(
    () => ((listening = true), onReady()),
    (error: unknown) => logFailure('could not subscribe to the traffic handover channel', error),
  );
  const ticker = setInterval(onReady, leaseMs / 3);
  const flushSoon = (): Promise<void> => queue.once('flush', () => (tenure.kind === 'counting' ? flush(tenure) : Promise.resolve()));
  const flusher = setInterval(() => {
    if (tenure.kind === 'counting') void flushSoon();
  }, flushMs);

  return {
    record(inspection, channel, payload, at) {
      if (tenure.kind !== 'counting') return;
      batch.record(inspection, channel, payload, at);
      history?.record(inspection, channel, payload, at);
    },
    handover(channel, payload) {
      if (channel !== keys.handover) return false;
      if (tenure.kind === 'idle' && payload.toString() === RELEASED) onReady();
      else if (tenure.kind === 'announcing' && payload.toString().startsWith(`${tenure.token} `)) {
        tenure = { kind: 'counting', token: tenure.token, sent: 0 };
        log.info(`counting traffic for every instance (lease ${tenure.token})`);
      }
      return true;
    },
    forgetDocumented: (isDocumented) => batch.forgetDocumented(isDocumented),
    counting: () => tenure.kind === 'counting',
    async settle() {
      if (tenure.kind !== 'counting') return false;
      await flushSoon();
      return tenure.kind === 'counting';
    },
    async stop() {
      stopped = true;
      clearInterval(ticker);
      clearInterval(flusher);
      subscriber.off('ready', onReady);
      subscriber.off('close', onClose);
      await queue.once('stop', () => resign('the instance is stopping'));
      // Not awaited: a subscriber that is down queues the command until it is back, or until it is closed.
      subscriber.unsubscribe(keys.handover).catch(() => {});
    },
  };
}

/** Runs tasks one at a time, each name queued at most once; a failure is logged, and the next task runs. */
function serialQueue(): { once(name: string, task: () => Promise<void>): Promise<void> } {
  let chain = Promise.resolve();
  const queued = new Set<string>();
  return {
    once(name, task) {
      if (queued.has(name)) return chain;
      queued.add(name);
      chain = chain
        .then(() => (queued.delete(name), task()))
        .catch((error: unknown) => logFailure('could not count traffic in Redis', error));
      return chain;
    },
  };
}
