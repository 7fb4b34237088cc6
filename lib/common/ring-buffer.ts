/**
 * A fixed-capacity ring that overwrites its oldest item when full, so a slow consumer costs bounded memory:
 * the server's per-client outbox reads it FIFO (`shift`, `take`), the browser's tail newest-first (`newest`).
 * A push allocates nothing.
 * @example const ring = new RingBuffer<number>(2); ring.push(1); ring.push(2); ring.push(3); ring.newest(0) // 3; ring.take(5) // [2, 3]
 */
export class RingBuffer<T> {
  private readonly items: (T | undefined)[];
  /** Where the oldest item is. */
  private head = 0;
  private count = 0;

  constructor(readonly capacity: number) {
    if (!Number.isInteger(capacity) || capacity < 1) throw new RangeError('RingBuffer capacity must be a positive integer');
    this.items = new Array<T | undefined>(capacity);
  }

  get size(): number {
    return this.count;
  }

  /** Appends `item`; returns the item it pushed out, if the buffer was full. */
  push(item: T): T | undefined {
    if (this.count < this.capacity) {
      this.items[this.slot(this.count)] = item;
      this.count += 1;
      return undefined;
    }
    const evicted = this.items[this.head];
    this.items[this.head] = item;
    this.head = this.slot(1);
    return evicted;
  }

  /** Removes and returns the oldest item. */
  shift(): T | undefined {
    if (this.count === 0) return undefined;
    const item = this.items[this.head];
    this.items[this.head] = undefined;
    this.head = this.slot(1);
    this.count -= 1;
    return item;
  }

  /** Removes and returns up to `max` of the oldest items, oldest first. */
  take(max: number): T[] {
    const out: T[] = [];
    while (out.length < max && this.count > 0) out.push(this.shift() as T);
    return out;
  }

  /** The `index`-th newest item without removing it: 0 is the latest pushed. */
  newest(index: number): T | undefined {
    if (!(index >= 0 && index < this.count)) return undefined;
    return this.items[this.slot(this.count - 1 - index)];
  }

  /** The oldest item still held, without removing it. */
  oldest(): T | undefined {
    return this.count === 0 ? undefined : this.items[this.head];
  }

  clear(): void {
    this.items.fill(undefined);
    this.head = 0;
    this.count = 0;
  }

  /** The array index `offset` places after the oldest item. */
  private slot(offset: number): number {
    const at = this.head + offset;
    return at < this.capacity ? at : at - this.capacity;
  }
}
