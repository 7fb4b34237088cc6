import type { Redis } from 'ioredis';
import { PatternSubscriptions } from '../broker/pattern-subscriptions.ts';
import { LiveHub, type LiveHubOptions, type LiveServer } from './hub.ts';

export interface LiveBridge {
  hub: LiveHub;
  subscriptions: PatternSubscriptions;
}

/**
 * Bridges Redis pub/sub to Socket.IO: `subscriber` (a connection used for nothing else) holds the
 * clients' PSUBSCRIBEs and the hub fans the messages out. With `observePattern` and `inspect`, every
 * message on the observed pattern is inspected once, whether or not a client follows it.
 * @example const bridge = startLiveBridge({ io, subscriber: connectBroker(url, { queueWhileDown: true }).redis, observePattern: '*', inspect });
 */
export function startLiveBridge({ io, subscriber, ...options }: { io: LiveServer; subscriber: Redis } & LiveHubOptions): LiveBridge {
  // The hub delivers what the subscriptions receive, and the subscriptions are the hub's: messages arrive only after both exist.
  const subscriptions = new PatternSubscriptions(subscriber, (pattern, channel, payload) => hub.deliver(pattern, channel, payload));
  const hub: LiveHub = new LiveHub(io, subscriptions, options);
  return { hub, subscriptions };
}
