/**
 * A fixed-capacity FIFO that overwrites its oldest item when full, so a slow consumer costs bounded memory.
 * @example const ring = new RingBuffer<number>(2); ring.push(1); ring.push(2); ring.push(3); ring.take(5) // [2, 3]
 */
export class RingBuffer<T> {
  private readonly items: (T | undefined)[];
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
    const tail = (this.head + this.count) % this.capacity;
    if (this.count < this.capacity) {
      this.items[tail] = item;
      this.count += 1;
      return undefined;
    }
    const evicted = this.items[this.head];
    this.items[this.head] = item;
    this.head = (this.head + 1) % this.capacity;
    return evicted;
  }

  /** Removes and returns the oldest item. */
  shift(): T | undefined {
    if (this.count === 0) return undefined;
    const item = this.items[this.head];
    this.items[this.head] = undefined;
    this.head = (this.head + 1) % this.capacity;
    this.count -= 1;
    return item;
  }

  /** Removes and returns up to `max` of the oldest items, oldest first. */
  take(max: number): T[] {
    const out: T[] = [];
    while (out.length < max && this.count > 0) out.push(this.shift() as T);
    return out;
  }

  clear(): void {
    this.items.fill(undefined);
    this.head = 0;
    this.count = 0;
  }
}
