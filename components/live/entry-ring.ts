/**
 * A fixed-capacity list that discards its oldest item when full and reads newest-first in O(1), so the
 * tail can keep its last 10,000 rows without copying on every batch.
 * @example const ring = new EntryRing<string>(2); ring.push('a'); ring.push('b'); ring.push('c'); ring.newest(0) // 'c'
 */
export class EntryRing<T> {
  private readonly items: (T | undefined)[];
  /** Where the next item goes. */
  private next = 0;
  private count = 0;

  constructor(readonly capacity: number) {
    if (!Number.isInteger(capacity) || capacity < 1) throw new RangeError('EntryRing capacity must be a positive integer');
    this.items = new Array<T | undefined>(capacity);
  }

  get size(): number {
    return this.count;
  }

  /** Appends `item`; returns the oldest item when it was pushed out. */
  push(item: T): T | undefined {
    const evicted = this.count === this.capacity ? this.items[this.next] : undefined;
    this.items[this.next] = item;
    this.next = (this.next + 1) % this.capacity;
    if (this.count < this.capacity) this.count += 1;
    return evicted;
  }

  /** The `index`-th newest item: 0 is the latest pushed. */
  newest(index: number): T | undefined {
    if (index < 0 || index >= this.count) return undefined;
    return this.items[(this.next - 1 - index + this.capacity) % this.capacity];
  }

  /** The oldest item still held. */
  oldest(): T | undefined {
    return this.newest(this.count - 1);
  }

  clear(): void {
    this.items.fill(undefined);
    this.next = 0;
    this.count = 0;
  }
}
