import { RingBuffer } from './ring-buffer.ts';

/**
 * A ring bounded both in items and in weight (about how many bytes its items hold): a push discards the oldest
 * items until both bounds hold again, always keeping the newest. Counting items alone let three stalled tabs
 * of 64 KB messages hold a gigabyte.
 * @example const ring = new WeighedRing<string>(100, 10, (s) => s.length); ring.push('abcdef'); ring.push('ghijkl') // 1 discarded
 */
export class WeighedRing<T> {
  private readonly ring: RingBuffer<T>;
  private held = 0;

  constructor(
    capacity: number,
    readonly maxWeight: number,
    private readonly weigh: (item: T) => number,
  ) {
    this.ring = new RingBuffer(capacity);
  }

  get size(): number {
    return this.ring.size;
  }

  /** The weight of the items held. */
  get weight(): number {
    return this.held;
  }

  /** Appends `item`; returns how many of the oldest items were discarded to make room. */
  push(item: T): number {
    let discarded = 0;
    const evicted = this.ring.push(item);
    if (evicted !== undefined) {
      this.held -= this.weigh(evicted);
      discarded += 1;
    }
    this.held += this.weigh(item);
    while (this.held > this.maxWeight && this.ring.size > 1) {
      this.held -= this.weigh(this.ring.shift() as T);
      discarded += 1;
    }
    return discarded;
  }

  /** Removes and returns the oldest item. */
  shift(): T | undefined {
    const item = this.ring.shift();
    if (item !== undefined) this.held -= this.weigh(item);
    return item;
  }

  /** Removes and returns the oldest items, at most `maxItems` of them weighing at most `maxWeight` together, but at least one. */
  take(maxItems: number, maxWeight = Number.POSITIVE_INFINITY): T[] {
    const out: T[] = [];
    let weight = 0;
    while (out.length < maxItems && this.ring.size > 0) {
      const next = this.weigh(this.ring.oldest() as T);
      if (out.length > 0 && weight + next > maxWeight) break;
      weight += next;
      out.push(this.shift() as T);
    }
    return out;
  }

  /** The `index`-th newest item without removing it: 0 is the latest pushed. */
  newest(index: number): T | undefined {
    return this.ring.newest(index);
  }

  /** The oldest item still held, without removing it. */
  oldest(): T | undefined {
    return this.ring.oldest();
  }

  clear(): void {
    this.ring.clear();
    this.held = 0;
  }
}
