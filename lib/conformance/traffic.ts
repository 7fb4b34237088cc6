import type { CheckedChannel, Inspection } from './checker.ts';

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
  /** When counting started, in milliseconds since the epoch. */
  since: number;
  /** Every channel in the current index, silent ones with messages 0. */
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

interface Counter {
  messages: number;
  violations: number;
  lastSeen: number | null;
}

interface UndocumentedCounter {
  messages: number;
  lastSeen: number;
  sample: Buffer;
  sampleBytes: number;
}

/**
 * Counts live traffic per catalogued channel (messages, violations, last seen) and per undocumented
 * channel (with its latest payload), in bounded memory. Counts of a catalogued channel survive an index
 * rebuild as long as the same version still declares it.
 * @example traffic.record(checker.inspect(channel, payload), channel, payload, Date.now()); traffic.snapshot()
 */
export class TrafficStats {
  private readonly since: number;
  private channels: readonly CheckedChannel[] = [];
  private counters = new Map<string, Counter>();
  /** In least-recently-seen order: a hit moves a channel to the end, eviction takes the first. */
  private readonly undocumented = new Map<string, UndocumentedCounter>();
  /** What the undocumented channels' names and samples hold, about. */
  private undocumentedBytes = 0;

  constructor(
    now = Date.now(),
    private readonly maxUndocumented = MAX_UNDOCUMENTED_CHANNELS,
    private readonly maxUndocumentedBytes = MAX_UNDOCUMENTED_BYTES,
  ) {
    this.since = now;
  }

  /** Follows a new index: its channels are listed, counters of channels no longer in it are dropped. */
  setChannels(channels: readonly CheckedChannel[]): void {
    const counters = new Map<string, Counter>();
    for (const channel of channels)
      counters.set(channel.id, this.counters.get(channel.id) ?? { messages: 0, violations: 0, lastSeen: null });
    this.channels = channels;
    this.counters = counters;
  }

  /** Drops undocumented channels that the catalogue now describes, such as one just registered from a draft. */
  forgetDocumented(isDocumented: (channel: string) => boolean): void {
    for (const channel of this.undocumented.keys()) if (isDocumented(channel)) this.forget(channel);
  }

  record(inspection: Inspection, channelName: string, payload: Buffer, at: number): void {
    if (inspection.channel) {
      const counter = this.counters.get(inspection.channel.id);
      if (!counter) return;
      counter.messages += 1;
      if (inspection.conformance.status === 'violates') counter.violations += 1;
      counter.lastSeen = at;
      return;
    }
    // A copy: the broker's buffer may be a view into a much larger read chunk.
    const sample = Buffer.from(payload.subarray(0, SAMPLE_PAYLOAD_BYTES));
    if (channelName.length > MAX_CHANNEL_NAME) channelName = `${channelName.slice(0, MAX_CHANNEL_NAME)}…`;
    const seen = this.undocumented.get(channelName);
    this.forget(channelName);
    const counter = { messages: (seen?.messages ?? 0) + 1, lastSeen: at, sample, sampleBytes: payload.length };
    this.undocumented.set(channelName, counter);
    this.undocumentedBytes += heldBytes(channelName, counter);
    for (const oldest of this.undocumented.keys()) {
      if (this.undocumented.size <= this.maxUndocumented && this.undocumentedBytes <= this.maxUndocumentedBytes) break;
      if (oldest === channelName) break;
      this.forget(oldest);
    }
  }

  private forget(channel: string): void {
    const counter = this.undocumented.get(channel);
    if (!counter) return;
    this.undocumented.delete(channel);
    this.undocumentedBytes -= heldBytes(channel, counter);
  }

  /** The counts now; with `slug`, only that document's channels and no undocumented ones. */
  snapshot(filter: { slug?: string } = {}): TrafficSnapshot {
    const catalogued: CataloguedChannelTraffic[] = [];
    for (const channel of this.channels) {
      if (filter.slug !== undefined && channel.slug !== filter.slug) continue;
      const counter = this.counters.get(channel.id)!;
      catalogued.push({ ...channel.document, channelKey: channel.channelKey, address: channel.ref.address, ...counter });
    }
    const undocumented: UndocumentedChannelTraffic[] = [];
    if (filter.slug === undefined) {
      for (const [channel, seen] of this.undocumented) {
        const { messages, lastSeen, sampleBytes } = seen;
        undocumented.push({ channel, messages, lastSeen, samplePayload: seen.sample.toString('utf8'), sampleBytes });
      }
      undocumented.reverse();
    }
    return { since: this.since, catalogued, undocumented };
  }
}

function heldBytes(channel: string, counter: UndocumentedCounter): number {
  return channel.length + counter.sample.length;
}
