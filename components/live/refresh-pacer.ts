/**
 * How often the tail's worker sends the page a snapshot. When a refresh would replace more than a screenful of rows,
 * no one reads them at that speed, and laying out and painting fresh rows is the page's main cost: the list then
 * refreshes at most every `busyMs` (20 times a second instead of 60). What the page asked for (a filter typed, a
 * scroll, pause, clear) is sent at once whatever the traffic.
 * @example const pacer = new RefreshPacer(); pacer.delay(performance.now(), store.added) // 0: send now
 */
export class RefreshPacer {
  private sentAt = Number.NEGATIVE_INFINITY;
  private sentAdded = 0;
  private asked = false;

  constructor(
    private readonly busyMs = 50,
    private readonly screenful = 40,
  ) {}

  /** The page asked for a change: the next snapshot is not held back. */
  ask(): void {
    this.asked = true;
  }

  /** Milliseconds to wait before sending a snapshot of a view that has had `added` rows added in all; 0 sends now. */
  delay(now: number, added: number): number {
    if (this.asked || added - this.sentAdded <= this.screenful) return 0;
    return Math.max(0, this.sentAt + this.busyMs - now);
  }

  /** A snapshot went out at `now`, with `added` rows added in all. */
  sent(now: number, added: number): void {
    this.sentAt = now;
    this.sentAdded = added;
    this.asked = false;
  }
}
