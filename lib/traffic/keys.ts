import { PORTAL_CHANNEL_PREFIX } from '../common/portal-channels.ts';
import { MAX_WINDOW_MS } from '../drift/window.ts';

/** How long a count is kept after it was last written: the longest drift window, so every window can be answered. */
export const TRAFFIC_TTL_MS = MAX_WINDOW_MS;

/** A catalogued channel as its counts are kept: by document, version and channel key, so an index rebuild keeps them. */
export interface CountedChannel {
  slug: string;
  version: string;
  channelKey: string;
}

/** Where one installation's traffic counts live in Redis; see README "Traffic counts across instances". */
export interface TrafficKeys {
  /** A SCAN pattern matching every key below, to look at them or to start the counts afresh (delete them). */
  all: string;
  /** The lease: the token of the one instance that counts. */
  lease: string;
  /** The last batch applied: a hash of the token that sent it and its number, so a retried batch counts once. */
  batch: string;
  /** When counting began, in ms since the epoch. */
  since: string;
  /** Undocumented channel names, scored by when each was last seen. */
  undocumented: string;
  /** Per undocumented channel `m:<name>` (messages), `s:<name>` (latest sample) and `b:<name>` (its whole size). */
  samples: string;
  /** Bytes of the undocumented channels' names and samples, to bound them. */
  undocumentedBytes: string;
  /** Recent traffic (README "Recent traffic"): a stream of messages, written by the lease holder only. */
  history: string;
  /** Bytes the history stream's entries hold, as its append script counts them, to bound it. */
  historyBytes: string;
  /** The last history batch appended, as `batch` is for counts, so a retried one is appended once. */
  historyBatch: string;
  /** The pub/sub channel a new lease holder announces itself on, to start counting at that point of the stream. */
  handover: string;
  /** The pub/sub channel recordings start and stop on, heard by the instance that captures them (lib/recordings/). */
  recordings: string;
  /** A catalogued channel's hash: messages, violations, lastSeen. */
  channel(channel: CountedChannel): string;
}

/**
 * The keys of an installation's counts: all under one hash tag, so on a Redis Cluster they share a slot and one
 * Lua script may touch them all.
 * @example trafficKeys('3f0c…').lease // '{portal:traffic:3f0c…}:lease'
 */
export function trafficKeys(installationId: string): TrafficKeys {
  const tag = `{portal:traffic:${installationId}}`;
  return {
    all: `${tag}:*`,
    lease: `${tag}:lease`,
    batch: `${tag}:batch`,
    since: `${tag}:since`,
    undocumented: `${tag}:undocumented`,
    samples: `${tag}:undocumented:samples`,
    undocumentedBytes: `${tag}:undocumented:bytes`,
    history: `${tag}:history`,
    historyBytes: `${tag}:history:bytes`,
    historyBatch: `${tag}:history:batch`,
    handover: `${PORTAL_CHANNEL_PREFIX}traffic:${installationId}:handover`,
    recordings: `${PORTAL_CHANNEL_PREFIX}recordings:${installationId}`,
    // JSON, so no slug, version and key can be read as another's.
    channel: ({ slug, version, channelKey }) => `${tag}:channel:${JSON.stringify([slug, version, channelKey])}`,
  };
}
