import type { Redis } from 'ioredis';
import { PatternSubscriptions } from '../broker/pattern-subscriptions.ts';
import type { ClientQueueOptions } from './client-queue.ts';
import { LiveHub, type LiveServer } from './hub.ts';

export interface LiveBridge {
  hub: LiveHub;
  subscriptions: PatternSubscriptions;
}

/**
 * Bridges Redis pub/sub to Socket.IO: `subscriber` (a connection used for nothing else) holds the
 * clients' PSUBSCRIBEs and the hub fans the messages out.
 * @example const bridge = startLiveBridge({ io, subscriber: connectBroker(url, { queueWhileDown: true }).redis });
 */
export function startLiveBridge({ io, subscriber, queueOptions }: { io: LiveServer; subscriber: Redis; queueOptions?: ClientQueueOptions }): LiveBridge {
  let hub: LiveHub | undefined;
  const subscriptions = new PatternSubscriptions(subscriber, (pattern, channel, payload) => hub?.deliver(pattern, channel, payload));
  hub = new LiveHub(io, subscriptions, queueOptions);
  return { hub, subscriptions };
}
