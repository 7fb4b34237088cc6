import { LruCache } from '../../asyncapi/lru-cache.ts';
import { compileGlob } from './glob.ts';

type Matcher = (channel: string) => boolean;

/** Channels whose matching patterns are remembered, and how many characters of channel names in all. */
const CACHED_CHANNELS = 4_096;
const CACHED_CHANNEL_CHARS = 1 << 20;

/**
 * The distinct patterns the hub matches broker messages against, each compiled once however many clients
 * follow it. `matching` runs every distinct pattern once against a channel and remembers the result for that
 * channel until the patterns change, so the cost of a message does not grow with the number of clients, and
 * for a channel seen before not with the number of patterns either.
 * @example const index = new PatternIndex(); index.add('orders.*'); index.matching('orders.created').has('orders.*') // true
 */
export class PatternIndex {
  private readonly matchers = new Map<string, { matches: Matcher; users: number }>();
  private cache = newCache();

  /** Distinct patterns held. */
  get size(): number {
    return this.matchers.size;
  }

  has(pattern: string): boolean {
    return this.matchers.has(pattern);
  }

  /** Counts one more user of `pattern`, compiling it on the first. */
  add(pattern: string): void {
    const held = this.matchers.get(pattern);
    if (held) held.users += 1;
    else {
      this.matchers.set(pattern, { matches: compileGlob(pattern), users: 1 });
      this.cache = newCache();
    }
  }

  /** Counts one user of `pattern` out, forgetting it with the last. */
  remove(pattern: string): void {
    const held = this.matchers.get(pattern);
    if (!held) return;
    if (held.users > 1) held.users -= 1;
    else {
      this.matchers.delete(pattern);
      this.cache = newCache();
    }
  }

  /** The held patterns that match `channel`. */
  matching(channel: string): ReadonlySet<string> {
    const cached = this.cache.get(channel);
    if (cached) return cached;
    const matched = new Set<string>();
    for (const [pattern, { matches }] of this.matchers) if (matches(channel)) matched.add(pattern);
    this.cache.set(channel, matched, channel.length);
    return matched;
  }
}

function newCache(): LruCache<string, ReadonlySet<string>> {
  return new LruCache({ maxEntries: CACHED_CHANNELS, maxWeight: CACHED_CHANNEL_CHARS });
}
