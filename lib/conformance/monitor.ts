import type { IndexedChannel } from '../../prisma/store/conformance.ts';
import { log } from '../log.ts';
import { ConformanceChecker } from './checker.ts';
import type { InspectedMessage } from './result.ts';
import { TrafficStats, type TrafficSnapshot } from './traffic.ts';

/** Where the monitor reads the catalogue from, and how it learns that it changed. */
export interface CatalogueSource {
  indexedChannels(): Promise<IndexedChannel[]>;
  onChange(listener: () => void): () => void;
}

/** Live conformance for the running portal: checks and counts each message, serves the counts. */
export interface ConformanceMonitor {
  /** Checks and counts one broker message; call it once per message. */
  observe: (channel: string, payload: Buffer, receivedAt: number) => InspectedMessage;
  /** Checks one message without counting it (a shard channel's, which the observed pattern never receives). */
  check: (channel: string, payload: Buffer) => InspectedMessage;
  snapshot(filter?: { slug?: string }): TrafficSnapshot;
  /** Resolves once the index reflects the catalogue as it is now. */
  reload(): Promise<void>;
  stop(): void;
}

/**
 * Loads the catalogue's index, then rebuilds it after every catalogue change (rebuilds requested while one
 * runs are coalesced into one more).
 * @example const monitor = await startConformanceMonitor(catalogue);
 *   startLiveBridge({ io, subscriber, observePattern: '*', inspect: monitor.observe }); monitor.snapshot();
 */
export async function startConformanceMonitor(source: CatalogueSource): Promise<ConformanceMonitor> {
  const checker = new ConformanceChecker();
  const traffic = new TrafficStats();
  let running: Promise<void> | null = null;
  let again = false;

  async function rebuild(): Promise<void> {
    do {
      again = false;
      checker.load(await source.indexedChannels());
      traffic.setChannels(checker.channels);
      traffic.forgetDocumented((channel) => checker.documents(channel));
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
      const inspection = checker.inspect(channel, payload);
      traffic.record(inspection, channel, payload, receivedAt);
      return inspection;
    },
    check: (channel, payload) => checker.inspect(channel, payload),
    snapshot: (filter) => traffic.snapshot(filter),
    reload,
    stop: unsubscribe,
  };
}
