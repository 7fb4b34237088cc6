import type { Redis } from 'ioredis';
import { PatternSubscriptions } from '../broker/pattern-subscriptions.ts';
import { shardCopyOf } from '../broker/redis.ts';
import { ShardSubscriptions, type OpenedShardClient } from '../broker/shard-subscriptions.ts';
import { LiveHub, type LiveHubOptions, type LiveServer } from './hub.ts';
import { BrokerInbox, DEFAULT_INBOX_BYTES } from './inbox.ts';

export interface LiveBridge {
  hub: LiveHub;
  subscriptions: PatternSubscriptions;
  /** Shard channels (SSUBSCRIBE), on a connection of their own (see openShardClient); close it on shutdown. */
  shards: ShardSubscriptions;
  inbox: BrokerInbox;
}

export interface LiveBridgeOptions extends LiveHubOptions {
  io: LiveServer;
  subscriber: Redis;
  /** Bytes of received messages waiting for delivery past which new ones are shed (see BrokerInbox). */
  inboxBytes?: number;
  /** Where shard channels are SSUBSCRIBEd (see openShardClient); a copy of `subscriber` by default, as on one server. */
  openShards?: () => OpenedShardClient;
}

/**
 * Bridges Redis pub/sub to Socket.IO: `subscriber` (a connection used for nothing else) holds the
 * clients' PSUBSCRIBEs, an inbox takes what it receives without holding up its socket, and the hub fans the
 * messages out. With `observePattern` and `inspect`, every message on the observed pattern is inspected once,
 * whether or not a client follows it. When the subscriber connection is lost and comes back, every client is
 * shown the gap; when a shard channel's connection is, the clients following that channel are.
 * @example const bridge = startLiveBridge({ io, subscriber: connectSubscriber(url).redis, observePattern: '*', inspect });
 */
export function startLiveBridge({
  io,
  subscriber,
  inboxBytes = DEFAULT_INBOX_BYTES,
  openShards,
  ...options
}: LiveBridgeOptions): LiveBridge {
  // The hub delivers what the inbox hands on, and the subscriptions are the hub's: messages arrive only after all exist.
  const inbox = new BrokerInbox(
    { deliver: (...a) => hub.deliver(...a), shed: (...a) => hub.shed(...a), gap: (...a) => hub.gap(...a) },
    {
      maxBytes: inboxBytes,
    },
  );
  const subscriptions = new PatternSubscriptions(subscriber, inbox.push);
  const shards = new ShardSubscriptions(
    openShards ?? (() => shardCopyOf(subscriber)),
    (channel, payload) => inbox.push(null, channel, payload),
    (channels, from, to) => inbox.gap(from, to, channels),
  );
  const hub: LiveHub = new LiveHub(io, subscriptions, { shards, ...options });
  watchResets(subscriber, inbox);
  return { hub, subscriptions, shards, inbox };
}

/** Marks a gap in the inbox each time the connection, once up, is lost and then back. */
function watchResets(subscriber: Redis, inbox: BrokerInbox): void {
  let up = subscriber.status === 'ready';
  let lostAt: number | null = null;
  subscriber.on('ready', () => {
    up = true;
    if (lostAt === null) return;
    inbox.gap(lostAt, Date.now());
    lostAt = null;
  });
  subscriber.on('close', () => {
    if (up && lostAt === null) lostAt = Date.now();
    up = false;
  });
}
