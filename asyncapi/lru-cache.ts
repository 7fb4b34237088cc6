/**
 * A least-recently-used cache on a `Map` (which keeps insertion order), bounded by entry count and by total
 * weight, so a few huge documents cannot hold on to hundreds of megabytes.
 * @example const cache = new LruCache<string, number>({ maxEntries: 2 }); cache.set('a', 1); cache.get('a') // 1
 */
export class LruCache<K, V> {
  private readonly entries = new Map<K, { value: V; weight: number }>();
  private weight = 0;
  private readonly maxEntries: number;
  private readonly maxWeight: number;

  constructor({ maxEntries, maxWeight = Number.POSITIVE_INFINITY }: { maxEntries: number; maxWeight?: number }) {
    this.maxEntries = maxEntries;
    this.maxWeight = maxWeight;
  }

  get size(): number {
    return this.entries.size;
  }

  /** The value for `key`, now the most recently used; undefined when absent. */
  get(key: K): V | undefined {
    const entry = this.entries.get(key);
    if (!entry) return undefined;
    this.entries.delete(key);
    this.entries.set(key, entry);
    return entry.value;
  }

  /** Stores a value, evicting the least recently used ones beyond the limits; too heavy a value is not kept. */
  set(key: K, value: V, weight = 0): void {
    this.delete(key);
    if (this.maxEntries <= 0 || weight > this.maxWeight) return;
    this.entries.set(key, { value, weight });
    this.weight += weight;
    for (const oldest of this.entries.keys()) {
      if (this.entries.size <= this.maxEntries && this.weight <= this.maxWeight) break;
      this.delete(oldest);
    }
  }

  private delete(key: K): void {
    const entry = this.entries.get(key);
    if (!entry) return;
    this.entries.delete(key);
    this.weight -= entry.weight;
  }
}
