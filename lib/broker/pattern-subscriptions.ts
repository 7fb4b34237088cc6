import type { Redis } from 'ioredis';
import { isPortalChannel } from '../common/portal-channels.ts';

export type PatternMessageListener = (pattern: string, channel: string, payload: Buffer) => void;

/**
 * One PSUBSCRIBE per distinct pattern, however many clients want it: `acquire` counts a user in,
 * `release` counts one out and PUNSUBSCRIBEs when the last one leaves. The subscriber connection queues
 * commands while Redis is down and ioredis re-subscribes after a reconnect, so the set survives a restart. Messages
 * on the portal's own channels (portal-channels.ts) are left out, unless SUBSCRIBEd by name.
 * @example const subs = new PatternSubscriptions(subscriber, (p, c, m) => hub.deliver(p, c, m));
 */
export class PatternSubscriptions {
  private readonly counts = new Map<string, number>();

  constructor(
    private readonly subscriber: Redis,
    listener: PatternMessageListener,
  ) {
    subscriber.on('pmessageBuffer', (pattern: Buffer, channel: Buffer, payload: Buffer) => {
      const name = channel.toString();
      // The portal's own channels between instances (the Socket.IO adapter's) are not the system's traffic.
      if (!isPortalChannel(name)) listener(pattern.toString(), name, payload);
    });
    // A channel SUBSCRIBEd on this connection is the portal's own (the traffic handover, lib/traffic/recorder.ts): it is
    // handed on under the pattern '', which no client follows, in the one order Redis delivered everything in.
    subscriber.on('messageBuffer', (channel: Buffer, payload: Buffer) => listener('', channel.toString(), payload));
  }

  /** Counts one more user of `pattern`; subscribes on the first. */
  async acquire(pattern: string): Promise<void> {
    const count = this.counts.get(pattern) ?? 0;
    this.counts.set(pattern, count + 1);
    if (count === 0) await this.subscriber.psubscribe(pattern);
  }

  /** Counts one user of `pattern` out; unsubscribes when none is left. */
  async release(pattern: string): Promise<void> {
    const count = this.counts.get(pattern) ?? 0;
    if (count <= 1) {
      this.counts.delete(pattern);
      if (count === 1) await this.subscriber.punsubscribe(pattern);
    } else this.counts.set(pattern, count - 1);
  }

  /** The patterns subscribed to now, with how many users each has. */
  snapshot(): Map<string, number> {
    return new Map(this.counts);
  }
}
