import type { IndexedChannel } from '../../prisma/store/conformance.ts';
import type { BrokerConnection } from '../broker/redis.ts';
import { whenBrokerUp } from '../broker/when-up.ts';
import { log } from '../log.ts';
import type { RecentMessage } from '../live/events.ts';
import type { RecordingCapture } from '../recordings/capture.ts';
import { DEFAULT_HISTORY_BOUNDS, historyMatcher, type HistoryFilter } from '../traffic/history-entry.ts';
import { readHistory } from '../traffic/history-read.ts';
import { FLUSH_MS } from '../traffic/recorder.ts';
import { readTraffic } from '../traffic/reader.ts';
import { startTrafficRecorder, type TrafficRecorderOptions } from '../traffic/recorder.ts';
import { forgetDocumented } from '../traffic/undocumented.ts';
import { ConformanceChecker } from './checker.ts';
import { UNDOCUMENTED, type InspectedMessage } from './result.ts';
import type { TrafficSnapshot } from './traffic.ts';

/** Where the monitor reads the catalogue from, and how it learns that it changed. */
export interface CatalogueSource {
  indexedChannels(): Promise<IndexedChannel[]>;
  onChange(listener: () => void): () => void;
}

/** Where traffic is counted: this installation's keys in Redis, and the connections to reach them (lib/traffic/). */
export type TrafficOptions = Omit<TrafficRecorderOptions, 'redis'> & {
  broker: BrokerConnection;
  /** Recordings (lib/recordings/), captured where traffic is counted: once, by the lease holder. */
  capture?: RecordingCapture;
};

/** Live conformance for the running portal: checks each message, counts traffic once across instances, serves the counts. */
export interface ConformanceMonitor {
  /** Checks (and, on the instance that counts, counts) one broker message; call it once per message. */
  observe: (channel: string, payload: Buffer, receivedAt: number) => InspectedMessage;
  /** Checks one message without counting it (a shard channel's, which the observed pattern never receives). */
  check: (channel: string, payload: Buffer) => InspectedMessage;
  /** The counts in Redis, joined to this instance's index; a BrokerUnavailableError while Redis is down. */
  snapshot(filter?: { slug?: string }): Promise<TrafficSnapshot>;
  /** The newest kept messages matching `filter`, newest first (README "Recent traffic"); a BrokerUnavailableError while Redis is down. */
  recent: (filter: HistoryFilter, limit: number) => Promise<RecentMessage[]>;
  /**
   * The last `limit` kept messages on `patterns` received before the call, oldest first, for a client that follows
   * them from now on: what the lease holder has not appended yet is waited for, so the live ones follow on.
   */
  recall: (patterns: readonly string[], limit: number) => Promise<RecentMessage[]>;
  /** Whether this instance is the one that counts (it holds the lease). */
  counting(): boolean;
  /** Resolves once the index reflects the catalogue as it is now. */
  reload(): Promise<void>;
  /** Sends what it counted, gives the lease up and stops following the catalogue. */
  stop(): Promise<void>;
}

/** How long callers share one whole traffic snapshot (see wholeSnapshot). */
export const WHOLE_SNAPSHOT_MS = 1_000;

const NOT_TRAFFIC: InspectedMessage = Object.freeze({ conformance: UNDOCUMENTED, match: null });

/**
 * Loads the catalogue's index, then rebuilds it after every catalogue change (rebuilds requested while one
 * runs are coalesced into one more).
 * @example const monitor = await startConformanceMonitor(catalogue, { broker, subscriber: tail.redis, keys, instanceId });
 *   startLiveBridge({ io, subscriber: tail.redis, observePattern: '*', inspect: monitor.observe }); await monitor.snapshot();
 */
export async function startConformanceMonitor(
  source: CatalogueSource,
  { broker, capture, ...traffic }: TrafficOptions,
): Promise<ConformanceMonitor> {
  const checker = new ConformanceChecker();
  const history = traffic.history ?? DEFAULT_HISTORY_BOUNDS;
  const recorder = startTrafficRecorder({ ...traffic, history, redis: broker.redis });
  capture?.attach(() => recorder.counting());
  const recent = (filter: HistoryFilter, limit: number, until?: number): Promise<RecentMessage[]> =>
    whenBrokerUp(broker, () =>
      readHistory(broker.redis, traffic.keys, {
        matches: historyMatcher(filter),
        limit,
        maxAgeMs: history.maxAgeMs,
        until,
        entryBytes: history.messageBytes,
      }),
    );
  const isDocumented = (channel: string): boolean => checker.documents(channel);
  let running: Promise<void> | null = null;
  let again = false;
  const read = (slug?: string): Promise<TrafficSnapshot> =>
    whenBrokerUp(broker, () => readTraffic(broker.redis, traffic.keys, checker.channels, { slug, isDocumented }));
  /**
   * The whole snapshot holds every undocumented channel's sample (up to 8 MiB), read in one script on the broker's
   * Redis: callers within WHOLE_SNAPSHOT_MS of one another share one read, however often drift is asked for.
   */
  let whole: { at: number; reading: Promise<TrafficSnapshot> } | null = null;
  const wholeSnapshot = (): Promise<TrafficSnapshot> => {
    if (whole && performance.now() - whole.at < WHOLE_SNAPSHOT_MS) return whole.reading;
    const reading = read();
    const current = { at: performance.now(), reading };
    whole = current;
    // A failed read is not kept: the next caller tries again.
    reading.catch(() => {
      if (whole === current) whole = null;
    });
    return reading;
  };

  async function rebuild(): Promise<void> {
    do {
      again = false;
      checker.load(await source.indexedChannels());
      whole = null; // a snapshot of the old index lists the old channels
      recorder.forgetDocumented(isDocumented);
      // Readers leave documented channels out anyway (so Redis being down is no matter): this keeps Redis to the rest.
      if (broker.state() === 'ready')
        await forgetDocumented(broker.redis, traffic.keys, isDocumented).catch((error: unknown) =>
          log.error('could not drop newly documented channels from the traffic counts', error),
        );
    } while (again);
  }
  function reload(): Promise<void> {
    if (running) {
      again = true;
      return running;
    }
    running = rebuild().finally(() => (running = null));
    return running;
  }

  await reload();
  const unsubscribe = source.onChange(
    () => void reload().catch((error: unknown) => log.error('could not rebuild the conformance index', error)),
  );
  return {
    observe(channel, payload, receivedAt) {
      if (recorder.handover(channel, payload) || capture?.control(channel, payload)) return NOT_TRAFFIC;
      const inspection = checker.inspect(channel, payload);
      recorder.record(inspection, channel, payload, receivedAt);
      if (recorder.counting()) capture?.record(channel, payload, receivedAt);
      return inspection;
    },
    check: (channel, payload) => checker.inspect(channel, payload),
    snapshot: ({ slug } = {}) => (slug === undefined ? wholeSnapshot() : read(slug)),
    recent: (filter, limit) => recent(filter, limit),
    async recall(patterns, limit) {
      const asOf = Date.now();
      // The holder appends what it received so far; another instance waits for the holder's next append or two.
      if (!(await recorder.settle())) await new Promise((resolve) => setTimeout(resolve, 2 * (traffic.flushMs ?? FLUSH_MS)));
      return (await recent({ patterns }, limit, asOf)).reverse();
    },
    counting: () => recorder.counting(),
    reload,
    async stop() {
      unsubscribe();
      await recorder.stop();
    },
  };
}
