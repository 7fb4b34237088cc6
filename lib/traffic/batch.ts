import type { Inspection } from '../conformance/checker.ts';
import { MAX_CHANNEL_NAME, MAX_UNDOCUMENTED_BYTES, MAX_UNDOCUMENTED_CHANNELS, SAMPLE_PAYLOAD_BYTES } from '../conformance/traffic.ts';
import type { CountedChannel } from './keys.ts';

export interface CataloguedDelta {
  channel: CountedChannel;
  messages: number;
  violations: number;
  lastSeen: number;
}

export interface UndocumentedDelta {
  messages: number;
  lastSeen: number;
  /** The latest payload, cut at SAMPLE_PAYLOAD_BYTES. */
  sample: Buffer;
  sampleBytes: number;
}

export interface UndocumentedBounds {
  maxChannels: number;
  maxBytes: number;
}

export const UNDOCUMENTED_BOUNDS: UndocumentedBounds = { maxChannels: MAX_UNDOCUMENTED_CHANNELS, maxBytes: MAX_UNDOCUMENTED_BYTES };

/**
 * The traffic counted since the last flush, as deltas: per catalogued channel, and per undocumented channel with
 * its latest sample. Undocumented channels are held to the same bounds as in Redis (the least recently seen go
 * first), so a flood of new channel names while Redis is away costs no more memory than the counts themselves.
 * @example batch.record(checker.inspect(channel, payload), channel, payload, Date.now()); await flushBatch(…, batch)
 */
export class TrafficBatch {
  /** By the checker's channel id. */
  readonly catalogued = new Map<string, CataloguedDelta>();
  /** In least-recently-seen order: a hit moves a channel to the end, eviction takes the first. */
  readonly undocumented = new Map<string, UndocumentedDelta>();
  private undocumentedBytes = 0;

  constructor(private readonly bounds: UndocumentedBounds = UNDOCUMENTED_BOUNDS) {}

  get empty(): boolean {
    return this.catalogued.size === 0 && this.undocumented.size === 0;
  }

  record(inspection: Inspection, channelName: string, payload: Buffer, at: number): void {
    const { channel } = inspection;
    if (channel) {
      const delta = this.catalogued.get(channel.id) ?? { channel, messages: 0, violations: 0, lastSeen: at };
      delta.messages += 1;
      if (inspection.conformance.status === 'violates') delta.violations += 1;
      delta.lastSeen = Math.max(delta.lastSeen, at);
      this.catalogued.set(channel.id, delta);
      return;
    }
    if (channelName.length > MAX_CHANNEL_NAME) channelName = `${channelName.slice(0, MAX_CHANNEL_NAME)}…`;
    const seen = this.undocumented.get(channelName);
    this.forget(channelName);
    // A copy: the broker's buffer may be a view into a much larger read chunk.
    const sample = Buffer.from(payload.subarray(0, SAMPLE_PAYLOAD_BYTES));
    this.undocumented.set(channelName, { messages: (seen?.messages ?? 0) + 1, lastSeen: at, sample, sampleBytes: payload.length });
    this.undocumentedBytes += heldBytes(channelName, sample);
    for (const oldest of this.undocumented.keys()) {
      if (this.undocumented.size <= this.bounds.maxChannels && this.undocumentedBytes <= this.bounds.maxBytes) break;
      if (oldest === channelName) break;
      this.forget(oldest);
    }
  }

  /** Drops the undocumented channels the catalogue now describes. */
  forgetDocumented(isDocumented: (channel: string) => boolean): void {
    for (const channel of this.undocumented.keys()) if (isDocumented(channel)) this.forget(channel);
  }

  private forget(channel: string): void {
    const delta = this.undocumented.get(channel);
    if (!delta) return;
    this.undocumented.delete(channel);
    this.undocumentedBytes -= heldBytes(channel, delta.sample);
  }
}

/** What Redis holds for an undocumented channel, as the flush script counts it: the name's and the sample's bytes. */
function heldBytes(channel: string, sample: Buffer): number {
  return Buffer.byteLength(channel) + sample.length;
}
