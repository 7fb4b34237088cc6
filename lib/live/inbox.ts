/** The pattern a message was received under, or null for a shard channel's message (SSUBSCRIBE, no pattern). */
export type Received = string | null;

/** Receives what the inbox hands on, in arrival order. */
export interface InboxTarget {
  deliver(pattern: Received, channel: string, payload: Buffer): void;
  /**
   * `count` messages were shed rather than delivered: ones received under `on.pattern` on `on.channel`, or,
   * without `on`, ones any client may have wanted.
   */
  shed(count: number, on?: { pattern: Received; channel: string }): void;
  /** Traffic between `from` and `to` was never received: on the shard `channels`, or on every pattern without them. */
  gap(from: number, to: number, channels?: string[]): void;
}

export interface InboxOptions {
  /** Bytes of received messages waiting to be delivered (about) past which new ones are shed and counted. */
  maxBytes: number;
  /** How long one turn of delivery may hold the event loop before it lets Redis's socket be read again. */
  sliceMs?: number;
}

export const DEFAULT_INBOX_BYTES = 64 * 1024 * 1024;

/** What a queued message costs besides its payload and channel name. */
const ITEM_OVERHEAD_BYTES = 128;
/** Distinct (pattern, channel) pairs whose sheds are told apart; past it, a shed is told to every client. */
const MAX_SHED_KEYS = 1_000;

type Item = { pattern: Received; channel: string; payload: Buffer; bytes: number } | { from: number; to: number; channels?: string[] };

/**
 * Stands between the subscriber connection and the hub, so that reading Redis never waits for checking and
 * fanning out: ioredis hands a message over and returns to its socket at once, and delivery runs in slices
 * of 5 ms between socket reads. If Redis sends faster than the hub delivers for long enough to
 * fill `maxBytes`, new messages are shed and counted (each client is told how many of its own it lost)
 * rather than left in Redis's output buffer, which past its limit makes Redis drop the connection and lose
 * messages nobody can count.
 * @example const inbox = new BrokerInbox(hub, { maxBytes: 64 * 1024 * 1024 }); subscriptions.on(inbox.push);
 */
export class BrokerInbox {
  private items: (Item | undefined)[] = [];
  private head = 0;
  private bytes = 0;
  private readonly shedCounts = new Map<string, { pattern: Received; channel: string; count: number }>();
  private shedElsewhere = 0;
  private scheduled = false;
  private readonly sliceMs: number;

  constructor(
    private readonly target: InboxTarget,
    private readonly options: InboxOptions,
  ) {
    this.sliceMs = options.sliceMs ?? 5;
  }

  /** Messages waiting to be delivered. */
  get pending(): number {
    return this.items.length - this.head;
  }

  push = (pattern: Received, channel: string, payload: Buffer): void => {
    const bytes = payload.length + channel.length + ITEM_OVERHEAD_BYTES;
    // The portal's own control messages (pattern '', the traffic handover) are tiny and are never shed: an instance that
    // lost its own handover under load would never start counting.
    if (pattern !== '' && this.bytes + bytes > this.options.maxBytes) this.countShed(pattern, channel);
    else {
      this.items.push({ pattern, channel, payload, bytes });
      this.bytes += bytes;
    }
    this.schedule();
  };

  /** Marks traffic between `from` and `to` (on the shard `channels` alone, if given) as never received, after what was received before. */
  gap(from: number, to: number, channels?: string[]): void {
    this.items.push(channels ? { from, to, channels } : { from, to });
    this.schedule();
  }

  private countShed(pattern: Received, channel: string): void {
    // A pattern has no control character (the hub refuses one), so \u0001 stands for a shard channel.
    const key = `${pattern ?? '\u0001'}\u0000${channel}`;
    const counted = this.shedCounts.get(key);
    if (counted) counted.count += 1;
    else if (this.shedCounts.size < MAX_SHED_KEYS) this.shedCounts.set(key, { pattern, channel, count: 1 });
    else this.shedElsewhere += 1;
  }

  private schedule(): void {
    if (this.scheduled) return;
    this.scheduled = true;
    setImmediate(this.drain);
  }

  private readonly drain = (): void => {
    this.scheduled = false;
    for (const { pattern, channel, count } of this.shedCounts.values()) this.target.shed(count, { pattern, channel });
    this.shedCounts.clear();
    if (this.shedElsewhere > 0) this.target.shed(this.shedElsewhere);
    this.shedElsewhere = 0;
    const deadline = performance.now() + this.sliceMs;
    while (this.head < this.items.length) {
      const item = this.items[this.head]!;
      this.items[this.head++] = undefined;
      if ('payload' in item) {
        this.bytes -= item.bytes;
        this.target.deliver(item.pattern, item.channel, item.payload);
      } else if (item.channels) this.target.gap(item.from, item.to, item.channels);
      else this.target.gap(item.from, item.to);
      if (performance.now() >= deadline) break;
    }
    if (this.head === this.items.length) {
      this.items = [];
      this.head = 0;
    } else {
      if (this.head > 4_096 && this.head * 2 > this.items.length) {
        this.items = this.items.slice(this.head);
        this.head = 0;
      }
      this.schedule();
    }
  };
}
