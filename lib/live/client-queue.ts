import { RingBuffer } from '../common/ring-buffer.ts';
import type { CatalogueMatch, TailBatch, TailMessage } from './events.ts';

export interface ClientQueueOptions {
  /** Most messages held for a client that is behind; the oldest are dropped past it. */
  capacity: number;
  /** Most messages in one batch. */
  batchSize: number;
  /** How long a message may wait for more to join its batch. */
  flushIntervalMs: number;
  /** Batches sent but not yet acknowledged before the queue waits for the client. */
  maxInFlight: number;
}

export const DEFAULT_QUEUE_OPTIONS: ClientQueueOptions = { capacity: 10_000, batchSize: 2_000, flushIntervalMs: 16, maxInFlight: 2 };

/** Sends one batch; calls `acknowledged` when the client confirms it has it. */
type BatchSender = (batch: TailBatch, acknowledged: () => void) => void;

/** The catalogue entries a batch's messages refer to, or undefined when they refer to none. */
type CatalogueOf = (messages: TailMessage[]) => Record<number, CatalogueMatch> | undefined;

/**
 * One client's outbox: messages wait in a drop-oldest ring, go out in batches every ~16 ms or when a batch
 * is full, and only while the client acknowledges what it was sent, so a stalled client costs the server
 * a bounded amount of memory and learns in `dropped` how many messages it missed.
 */
export class ClientQueue {
  private readonly ring: RingBuffer<TailMessage>;
  private dropped = 0;
  private inFlight = 0;
  private timer: NodeJS.Timeout | undefined;
  private closed = false;

  constructor(
    private readonly send: BatchSender,
    private readonly options: ClientQueueOptions = DEFAULT_QUEUE_OPTIONS,
    private readonly catalogueOf?: CatalogueOf,
  ) {
    this.ring = new RingBuffer(options.capacity);
  }

  push(message: TailMessage): void {
    if (this.closed) return;
    if (this.ring.push(message)) this.dropped += 1;
    if (this.ring.size >= this.options.batchSize) this.flush();
    else this.timer ??= setTimeout(() => this.flush(), this.options.flushIntervalMs);
  }

  /** Messages waiting to be sent. */
  get pending(): number {
    return this.ring.size;
  }

  close(): void {
    this.closed = true;
    clearTimeout(this.timer);
    this.ring.clear();
  }

  private flush(): void {
    clearTimeout(this.timer);
    this.timer = undefined;
    if (this.closed || this.inFlight >= this.options.maxInFlight) return;
    if (this.ring.size === 0 && this.dropped === 0) return;
    const messages = this.ring.take(this.options.batchSize);
    const catalogue = this.catalogueOf?.(messages);
    const batch: TailBatch = catalogue ? { messages, dropped: this.dropped, catalogue } : { messages, dropped: this.dropped };
    this.dropped = 0;
    this.inFlight += 1;
    this.send(batch, () => {
      this.inFlight -= 1;
      if (this.ring.size > 0 || this.dropped > 0) this.flush();
    });
    if (this.ring.size >= this.options.batchSize) this.flush();
    else if (this.ring.size > 0) this.timer = setTimeout(() => this.flush(), this.options.flushIntervalMs);
  }
}
