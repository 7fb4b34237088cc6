/** What the portal counts of live traffic, as read from Redis (lib/traffic/), and the bounds on it. */

export interface CataloguedChannelTraffic {
  slug: string;
  version: string;
  title: string;
  channelKey: string;
  address: string;
  messages: number;
  violations: number;
  lastSeen: number | null;
}

export interface UndocumentedChannelTraffic {
  channel: string;
  messages: number;
  lastSeen: number;
  /** The latest payload, cut at 4 KB. */
  samplePayload: string;
  /** The latest payload's whole size in bytes: more than 4 KB means `samplePayload` is cut. */
  sampleBytes: number;
}

export interface TrafficSnapshot {
  /** When counting started (the first lease, or the first after 30 days without traffic), in ms since the epoch. */
  since: number;
  /** Every channel in the current index, silent ones (or silent for 30 days) with messages 0. */
  catalogued: CataloguedChannelTraffic[];
  /** At most 1,000 distinct channels and 8 MiB of names and samples, the least recently seen evicted. */
  undocumented: UndocumentedChannelTraffic[];
}

export const SAMPLE_PAYLOAD_BYTES = 4 * 1024;
export const MAX_UNDOCUMENTED_CHANNELS = 1_000;
/** Longer undocumented channel names are kept cut, with an ellipsis, so no one name outweighs the rest. */
export const MAX_CHANNEL_NAME = 4_096;
/** Bytes of undocumented channel names and samples kept: a broker may send channel names of any length. */
export const MAX_UNDOCUMENTED_BYTES = 8 * 1024 * 1024;
