import type { CataloguedChannelTraffic, TrafficSnapshot, UndocumentedChannelTraffic } from '../conformance/traffic.ts';

export interface UnsubscribedChannel {
  slug: string;
  version: string;
  title: string;
  channelKey: string;
  address: string;
}

export interface DriftReport {
  generatedAt: number;
  /** When counting began (see TrafficSnapshot.since): nothing older is known. */
  since: number;
  windowMs: number;
  /** Channels seen on the broker that no catalogued address matches, most recently seen first. */
  undocumented: UndocumentedChannelTraffic[];
  /** Catalogued channels with no message within the window (or ever, since counting began). */
  silent: CataloguedChannelTraffic[];
  /**
   * Catalogued channels nobody is subscribed to right now (PUBSUB NUMSUB: plain SUBSCRIBE clients;
   * pattern subscribers such as the portal itself are not counted), or null when the broker is down.
   */
  unsubscribed: UnsubscribedChannel[] | null;
  /** Catalogued addresses with parameters: NUMSUB needs a concrete channel, so they are not checked. */
  parameterisedNotChecked: number;
  brokerError?: string;
}

/** Asks the broker how many subscribers each channel has, in order (PUBSUB NUMSUB). */
export type SubscriberCounter = (channels: string[]) => Promise<number[]>;

/**
 * Compares the catalogue with the traffic the portal has seen and the broker's subscribers now.
 * @example await driftReport(await services().traffic.snapshot(), { windowMs: 3_600_000, countSubscribers })
 */
export async function driftReport(
  snapshot: TrafficSnapshot,
  { windowMs, countSubscribers, now = Date.now() }: { windowMs: number; countSubscribers: SubscriberCounter; now?: number },
): Promise<DriftReport> {
  const cutoff = now - windowMs;
  const undocumented = [...snapshot.undocumented].sort((a, b) => b.lastSeen - a.lastSeen);
  const silent = snapshot.catalogued
    .filter((c) => c.lastSeen === null || c.lastSeen < cutoff)
    .sort((a, b) => (a.lastSeen ?? 0) - (b.lastSeen ?? 0) || a.address.localeCompare(b.address));
  const concrete = snapshot.catalogued.filter((c) => !c.address.includes('{'));
  const report: DriftReport = {
    generatedAt: now,
    since: snapshot.since,
    windowMs,
    undocumented,
    silent,
    unsubscribed: null,
    parameterisedNotChecked: snapshot.catalogued.length - concrete.length,
  };
  try {
    const counts = concrete.length > 0 ? await countSubscribers(concrete.map((c) => c.address)) : [];
    report.unsubscribed = concrete
      .filter((_, i) => (counts[i] ?? 0) === 0)
      .map(({ slug, version, title, channelKey, address }) => ({ slug, version, title, channelKey, address }));
  } catch (error) {
    report.brokerError = error instanceof Error ? error.message : String(error);
  }
  return report;
}
