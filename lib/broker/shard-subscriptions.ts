import type { Redis } from 'ioredis';
import { isPortalChannel } from '../common/portal-channels.ts';

export type ShardMessageListener = (channel: string, payload: Buffer) => void;
/** Messages on `channels` published between `from` and `to` (ms since the epoch) were lost: their connection was reset. */
export type ShardGapListener = (channels: string[], from: number, to: number) => void;

/** What SSUBSCRIBEs: the subscriber connection of one server, or a cluster client that routes each to its shard. */
export type ShardClient = Pick<Redis, 'ssubscribe' | 'sunsubscribe'> & {
  on(event: 'smessageBuffer', listener: (channel: Buffer, payload: Buffer) => void): unknown;
};

/** What an opened client tells of its connections being reset. */
export interface ShardResetWatcher {
  /** A connection holding SSUBSCRIBEs was lost: those of the channels `affects` says it held are gone. */
  lost(affects: (channel: string) => boolean): void;
  /** The connections are back and SSUBSCRIBEd again. */
  back(): void;
}

/** A shard client, and how to let it go: a connection of its own is closed, a shared one left alone. */
export interface OpenedShardClient {
  client: ShardClient;
  close(): void;
  /** Tells `watcher` of each reset of the client's connections; without it, resets go unseen. */
  watchResets?(watcher: ShardResetWatcher): void;
}

/**
 * One SSUBSCRIBE per shard channel, however many clients follow it, as PatternSubscriptions does for patterns: a
 * message published with SPUBLISH reaches only subscribers of its exact channel, on the node that owns its slot.
 * The client is opened at the first `acquire`, so a portal nobody asks for a shard channel holds no extra connection.
 * The client re-SSUBSCRIBEs by itself after a reset (ioredis does); `onGap` is told which channels lost what meanwhile.
 * @example const shards = new ShardSubscriptions(() => openShardClient(target, subscriber.redis), (c, m) => inbox.push(null, c, m));
 */
export class ShardSubscriptions {
  private readonly counts = new Map<string, number>();
  /** The SSUBSCRIBE of each channel followed, settled or in flight. */
  private readonly subscribing = new Map<string, Promise<void>>();
  private opened: OpenedShardClient | null = null;
  private closed = false;
  /** Channels whose SSUBSCRIBE a reset took, and since when, until the client says it is back (resets meanwhile join). */
  private lost: { from: number; channels: Set<string> } | null = null;

  constructor(
    private readonly open: () => OpenedShardClient,
    private readonly listener: ShardMessageListener,
    private readonly onGap?: ShardGapListener,
  ) {}

  /**
   * Counts one more user of `channel`; SSUBSCRIBEs on the first, and every user waits for that one. When it fails, the
   * users waiting for it are counted out again and each gets the error.
   */
  async acquire(channel: string): Promise<void> {
    const count = this.counts.get(channel) ?? 0;
    this.counts.set(channel, count + 1);
    // One channel a command: on a cluster, channels of one SSUBSCRIBE must share a slot.
    let subscribing = this.subscribing.get(channel);
    if (count === 0 || !subscribing) {
      subscribing = Promise.resolve()
        .then(() => this.connection().ssubscribe(channel))
        .then(() => undefined);
      this.subscribing.set(channel, subscribing);
    }
    try {
      await subscribing;
    } catch (error) {
      if (this.subscribing.get(channel) === subscribing) this.subscribing.delete(channel);
      const left = (this.counts.get(channel) ?? 1) - 1;
      if (left <= 0) this.counts.delete(channel);
      else this.counts.set(channel, left);
      throw error;
    }
  }

  /** Counts one user of `channel` out; SUNSUBSCRIBEs when none is left. */
  async release(channel: string): Promise<void> {
    const count = this.counts.get(channel) ?? 0;
    if (count <= 1) {
      this.counts.delete(channel);
      this.subscribing.delete(channel);
      // Nothing is subscribed on a client not opened yet, or closed.
      if (count === 1 && this.opened) await this.opened.client.sunsubscribe(channel);
    } else this.counts.set(channel, count - 1);
  }

  /** Closes the client, when it was opened for shard channels alone; later calls subscribe to nothing. */
  close(): void {
    this.closed = true;
    this.counts.clear();
    this.subscribing.clear();
    this.lost = null;
    this.opened?.close();
    this.opened = null;
  }

  private connection(): ShardClient {
    if (this.closed) throw new Error('The shard channel subscriptions are closed.');
    if (this.opened) return this.opened.client;
    const opened = this.open();
    opened.client.on('smessageBuffer', (channel, payload) => {
      const name = channel.toString();
      if (!isPortalChannel(name)) this.listener(name, payload);
    });
    opened.watchResets?.({
      lost: (affects) => {
        const channels = [...this.counts.keys()].filter(affects);
        if (this.closed || channels.length === 0) return;
        this.lost ??= { from: Date.now(), channels: new Set() };
        for (const channel of channels) this.lost.channels.add(channel);
      },
      back: () => {
        const lost = this.lost;
        this.lost = null;
        if (lost) this.onGap?.([...lost.channels], lost.from, Date.now());
      },
    });
    this.opened = opened;
    return opened.client;
  }
}
