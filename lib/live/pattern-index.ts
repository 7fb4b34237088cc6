import { LruCache } from '../../asyncapi/lru-cache.ts';
import { compileGlob, literalEnds } from './glob.ts';

type Matcher = (channel: string) => boolean;

/** Channels whose matching patterns are remembered, and their weight: the names' characters and the sets' sizes. */
const CACHED_CHANNELS = 4_096;
const CACHED_CHANNEL_CHARS = 1 << 20;
/** What one matched pattern in a remembered set weighs, in the cache's unit (a character of channel name). */
const MATCH_WEIGHT = 16;
/** How many literal characters at a pattern's start or end file it under a key. */
const KEY_LENGTH = 4;

interface Held {
  matches: Matcher;
  users: number;
  /** The bucket it is filed in: by the start or end every matching channel has, or with the unkeyed ones. */
  bucket: Set<string>;
}

/**
 * The distinct patterns the hub matches broker messages against, each compiled once however many clients
 * follow it. A pattern that starts (or else ends) with at least four literal characters is filed under them,
 * so a channel is tried only against the patterns filed under its own first or last four characters, and
 * those with no such literal (`*`, `*.created?`). What a channel matched is remembered for that channel until
 * the patterns change. So a message's cost does not grow with the number of clients, nor with the number of
 * patterns that could not match it, and for a channel seen before it is a lookup.
 * @example const index = new PatternIndex(); index.add('orders.*'); index.matching('orders.created').has('orders.*') // true
 */
export class PatternIndex {
  private readonly held = new Map<string, Held>();
  private readonly byPrefix = new Map<string, Set<string>>();
  private readonly bySuffix = new Map<string, Set<string>>();
  private readonly unkeyed = new Set<string>();
  private cache = newCache();

  /** Distinct patterns held. */
  get size(): number {
    return this.held.size;
  }

  has(pattern: string): boolean {
    return this.held.has(pattern);
  }

  /**
   * Why `pattern` cannot be added, or null: a new channel name is tried against every pattern of its two buckets
   * and every unkeyed one, so each of those is bounded by `maxTried` (LIVE_MAX_PATTERNS_PER_KEY).
   */
  problemAdding(pattern: string, maxTried: number): string | null {
    if (this.held.has(pattern)) return null;
    const { bucket, key } = this.placeOf(pattern);
    if ((bucket?.size ?? 0) < maxTried) return null;
    const what = key === null ? 'with no literal start or end of four characters' : `starting or ending with "${key}"`;
    return `The portal already follows ${maxTried} patterns ${what}, the most it tries on one channel (LIVE_MAX_PATTERNS_PER_KEY); give the pattern a more specific start or end.`;
  }

  /** Counts one more user of `pattern`, compiling it on the first. */
  add(pattern: string): void {
    const held = this.held.get(pattern);
    if (held) {
      held.users += 1;
      return;
    }
    const bucket = this.bucketFor(pattern);
    bucket.add(pattern);
    this.held.set(pattern, { matches: compileGlob(pattern), users: 1, bucket });
    this.cache = newCache();
  }

  /** Counts one user of `pattern` out, forgetting it with the last. */
  remove(pattern: string): void {
    const held = this.held.get(pattern);
    if (!held) return;
    if (held.users > 1) {
      held.users -= 1;
      return;
    }
    held.bucket.delete(pattern);
    this.held.delete(pattern);
    this.cache = newCache();
  }

  /** The held patterns that match `channel`. */
  matching(channel: string): ReadonlySet<string> {
    const cached = this.cache.get(channel);
    if (cached) return cached;
    const matched = new Set<string>();
    const tryAll = (patterns: Set<string> | undefined): void => {
      for (const pattern of patterns ?? []) if (this.held.get(pattern)!.matches(channel)) matched.add(pattern);
    };
    tryAll(this.byPrefix.get(channel.slice(0, KEY_LENGTH)));
    tryAll(this.bySuffix.get(channel.slice(-KEY_LENGTH)));
    tryAll(this.unkeyed);
    this.cache.set(channel, matched, channel.length + MATCH_WEIGHT * matched.size);
    return matched;
  }

  private bucketFor(pattern: string): Set<string> {
    const { buckets, key } = this.placeOf(pattern);
    return buckets && key !== null ? bucketIn(buckets, key) : this.unkeyed;
  }

  /** Where `pattern` is filed: its key and the map of buckets it is in, or no key for the unkeyed ones. */
  private placeOf(pattern: string): { buckets: Map<string, Set<string>> | null; key: string | null; bucket: Set<string> | undefined } {
    const { prefix, suffix } = literalEnds(pattern);
    if (prefix.length >= KEY_LENGTH) {
      const key = prefix.slice(0, KEY_LENGTH);
      return { buckets: this.byPrefix, key, bucket: this.byPrefix.get(key) };
    }
    if (suffix.length >= KEY_LENGTH) {
      const key = suffix.slice(-KEY_LENGTH);
      return { buckets: this.bySuffix, key, bucket: this.bySuffix.get(key) };
    }
    return { buckets: null, key: null, bucket: this.unkeyed };
  }
}

function bucketIn(buckets: Map<string, Set<string>>, key: string): Set<string> {
  let bucket = buckets.get(key);
  if (!bucket) buckets.set(key, (bucket = new Set()));
  return bucket;
}

function newCache(): LruCache<string, ReadonlySet<string>> {
  return new LruCache({ maxEntries: CACHED_CHANNELS, maxWeight: CACHED_CHANNEL_CHARS });
}
