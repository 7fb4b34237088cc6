import { messageBytes } from '../common/message-bytes.ts';
import { WeighedRing } from '../common/weighed-ring.ts';
import type { CatalogueMatch, TailBatch, TailGap, TailMessage } from './events.ts';

export interface ClientQueueOptions {
  /** Most messages held for a client that is behind; the oldest are dropped past it. */
  capacity: number;
  /** Most bytes of messages held for a client that is behind (about: see messageBytes); 16 MiB by default. */
  maxBytes?: number;
  /** Most messages in one batch. */
  batchSize: number;
  /** Most bytes in one batch, unless its one message is larger; 1 MiB by default. */
  batchBytes?: number;
  /** How long a message may wait for more to join its batch. */
  flushIntervalMs: number;
  /** Batches sent but not yet acknowledged before the queue waits for the client. */
  maxInFlight: number;
}

export const DEFAULT_CLIENT_BUFFER_BYTES = 16 * 1024 * 1024;
const DEFAULT_BATCH_BYTES = 1024 * 1024;

export const DEFAULT_QUEUE_OPTIONS: ClientQueueOptions = {
  capacity: 10_000,
  maxBytes: DEFAULT_CLIENT_BUFFER_BYTES,
  batchSize: 2_000,
  batchBytes: DEFAULT_BATCH_BYTES,
  flushIntervalMs: 16,
  maxInFlight: 2,
};

/** Gaps waiting to be sent past which new ones are merged into the last. */
const MAX_PENDING_GAPS = 16;

/** Sends one batch; calls `acknowledged` when the client confirms it has it. */
type BatchSender = (batch: TailBatch, acknowledged: () => void) => void;

/** The catalogue entries a batch's messages refer to, or undefined when they refer to none. */
type CatalogueOf = (messages: TailMessage[]) => Record<number, CatalogueMatch> | undefined;

/**
 * One client's outbox: messages wait in a drop-oldest ring bounded in count and bytes, go out in batches
 * (bounded the same way) every ~16 ms or when a batch is full, and only while the client acknowledges what it
 * was sent, so a stalled client costs the server a bounded amount of memory (`maxBytes` plus `maxInFlight`
 * batches) and learns in `dropped` how many messages it missed.
 */
export class ClientQueue {
  private readonly ring: WeighedRing<TailMessage>;
  private readonly batchBytes: number;
  private dropped = 0;
  /** Messages ever pushed: a gap records how many came before it, to place it among the batch it is sent in. */
  private pushed = 0;
  private gaps: { after: number; from: number; to: number; channels?: Set<string> }[] = [];
  private inFlight = 0;
  /** Recalls not yet answered: nothing is sent meanwhile, so recalled messages come before live ones. */
  private holds = 0;
  /** Batches of recalled messages, sent before anything in the ring. */
  private readonly recalled: TailBatch[] = [];
  private timer: NodeJS.Timeout | undefined;
  private closed = false;

  constructor(
    private readonly send: BatchSender,
    private readonly options: ClientQueueOptions = DEFAULT_QUEUE_OPTIONS,
    private readonly catalogueOf?: CatalogueOf,
  ) {
    this.ring = new WeighedRing<TailMessage>(options.capacity, options.maxBytes ?? DEFAULT_CLIENT_BUFFER_BYTES, messageBytes);
    this.batchBytes = options.batchBytes ?? DEFAULT_BATCH_BYTES;
  }

  push(message: TailMessage): void {
    if (this.closed) return;
    this.pushed += 1;
    this.dropped += this.ring.push(message);
    if (this.batchIsFull()) this.flush();
    else this.schedule();
  }

  /** Counts `count` messages the client lost before reaching this queue, such as ones shed under load. */
  lose(count: number): void {
    if (this.closed || count <= 0) return;
    this.dropped += count;
    this.schedule();
  }

  /** Marks a stretch of lost traffic after every message pushed so far: on the shard `channels`, or on every pattern. */
  gap(from: number, to: number, channels?: string[]): void {
    if (this.closed) return;
    const last = this.gaps.at(-1);
    const scope = channels ? new Set(channels) : undefined;
    // A flapping connection makes one long gap rather than a list that grows without bound; a gap of the pattern
    // connection and one of shard channels stay apart, unless the list is full (the merged one then names no channels).
    if (last && ((last.after === this.pushed && !last.channels === !scope) || this.gaps.length >= MAX_PENDING_GAPS)) {
      last.to = Math.max(last.to, to);
      if (last.channels && scope) for (const channel of scope) last.channels.add(channel);
      else delete last.channels;
    } else this.gaps.push(scope ? { after: this.pushed, from, to, channels: scope } : { after: this.pushed, from, to });
    this.schedule();
  }

  /**
   * Sends nothing until `messages` (received before the client followed, oldest first) are read, then sends them in
   * batches marked `history`, before what was pushed meanwhile. A failed read sends no history.
   */
  recall(messages: Promise<TailMessage[]>): Promise<void> {
    this.holds += 1;
    return messages
      .then(
        (recalled) => {
          while (recalled.length > 0 && !this.closed) {
            const batch = this.chunk(recalled);
            const catalogue = this.catalogueOf?.(batch);
            this.recalled.push(
              catalogue ? { messages: batch, dropped: 0, catalogue, history: true } : { messages: batch, dropped: 0, history: true },
            );
          }
        },
        () => undefined,
      )
      .finally(() => {
        this.holds -= 1;
        this.flush();
      });
  }

  /** Messages waiting to be sent. */
  get pending(): number {
    return this.ring.size;
  }

  /** About how many bytes the messages waiting to be sent hold. */
  get pendingBytes(): number {
    return this.ring.weight;
  }

  close(): void {
    this.closed = true;
    clearTimeout(this.timer);
    this.ring.clear();
    this.recalled.length = 0;
  }

  private flush(): void {
    clearTimeout(this.timer);
    this.timer = undefined;
    if (this.closed || this.holds > 0 || this.inFlight >= this.options.maxInFlight) return;
    const recalled = this.recalled.shift();
    if (recalled) return this.sendBatch(recalled);
    if (this.ring.size === 0 && this.dropped === 0 && this.gaps.length === 0) return;
    const first = this.pushed - this.ring.size;
    const messages = this.ring.take(this.options.batchSize, this.batchBytes);
    const catalogue = this.catalogueOf?.(messages);
    const batch: TailBatch = catalogue ? { messages, dropped: this.dropped, catalogue } : { messages, dropped: this.dropped };
    const gaps = this.takeGaps(first, messages.length);
    if (gaps.length > 0) batch.gaps = gaps;
    this.dropped = 0;
    this.sendBatch(batch);
  }

  private sendBatch(batch: TailBatch): void {
    this.inFlight += 1;
    this.send(batch, () => {
      this.inFlight -= 1;
      if (this.recalled.length > 0 || this.ring.size > 0 || this.dropped > 0 || this.gaps.length > 0) this.flush();
    });
    if (this.recalled.length > 0 || this.batchIsFull()) this.flush();
    else if (this.ring.size > 0) this.timer = setTimeout(() => this.flush(), this.options.flushIntervalMs);
  }

  /** Takes the first messages off `messages` that make one batch, bounded as the ring's batches are. */
  private chunk(messages: TailMessage[]): TailMessage[] {
    let bytes = 0;
    let count = 0;
    while (count < messages.length && count < this.options.batchSize) {
      const next = messageBytes(messages[count]!);
      if (count > 0 && bytes + next > this.batchBytes) break;
      bytes += next;
      count += 1;
    }
    return messages.splice(0, count);
  }

  private schedule(): void {
    this.timer ??= setTimeout(() => this.flush(), this.options.flushIntervalMs);
  }

  /** The gaps that fall within a batch of `count` messages starting at push number `first`, placed in it. */
  private takeGaps(first: number, count: number): TailGap[] {
    const taken: TailGap[] = [];
    while (this.gaps.length > 0 && this.gaps[0]!.after <= first + count) {
      const { after, from, to, channels } = this.gaps.shift()!;
      const before = Math.max(0, after - first);
      taken.push(channels ? { reason: 'reset', channels: [...channels], from, to, before } : { reason: 'reset', from, to, before });
    }
    return taken;
  }

  private batchIsFull(): boolean {
    return this.ring.size >= this.options.batchSize || this.ring.weight >= this.batchBytes;
  }
}
