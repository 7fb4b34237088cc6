import { Cluster, Redis, type RedisOptions } from 'ioredis';
import { log } from '../log.ts';
import { throttledLog } from '../log-throttle.ts';
import { keySlot } from './key-slot.ts';
import type { OpenedShardClient } from './shard-subscriptions.ts';
import { rotatingConnector } from './rotating-connector.ts';
import { formatAddress, type BrokerTarget } from './target.ts';

export type BrokerState = 'connecting' | 'ready' | 'unreachable';

/** A command connection: to one server, or to a Redis Cluster (same commands; keys of one call must share a slot). */
export type BrokerClient = Redis | Cluster;

export interface BrokerConnection<Client extends BrokerClient = BrokerClient> {
  redis: Client;
  state: () => BrokerState;
  /** The last connection error, for the health report. */
  lastError: () => string | null;
  close(): Promise<void>;
}

/** The pub/sub connection: always one node's, even on a cluster (see connectSubscriber). */
export type SubscriberConnection = BrokerConnection<Redis>;

export interface BrokerOptions {
  connectionName?: string;
  /**
   * Queue commands while Redis is down, for as long as it takes (the worker's). Off by default, so the portal's
   * callers fail fast with a clear error.
   */
  queueWhileDown?: boolean;
}

const CONNECT_TIMEOUT_MS = 2_000;
const CONNECTION_CLOSED = 'Connection is closed.';
const retryDelay = (attempt: number): number => Math.min(attempt * 200, 2_000);

/**
 * The command connection: it keeps retrying in the background, reports its state, and fails commands fast
 * while Redis is down (unless `queueWhileDown`). A URL is one server; a cluster target gives an ioredis Cluster.
 * @example const broker = connectBroker(brokerTarget(readEnv()));
 */
export function connectBroker(target: string, options?: BrokerOptions): BrokerConnection<Redis>;
export function connectBroker(target: BrokerTarget, options?: BrokerOptions): BrokerConnection;
export function connectBroker(
  target: string | BrokerTarget,
  { connectionName = 'event-portal', queueWhileDown = false }: BrokerOptions = {},
): BrokerConnection {
  const resolved = typeof target === 'string' ? ({ kind: 'server', url: target } as const) : target;
  const maxRetriesPerRequest = queueWhileDown ? null : 1;
  if (resolved.kind === 'server') {
    const redis = new Redis(resolved.url, {
      connectionName,
      enableOfflineQueue: queueWhileDown,
      maxRetriesPerRequest,
      connectTimeout: CONNECT_TIMEOUT_MS,
      retryStrategy: retryDelay,
    });
    return tracked(redis);
  }
  const cluster = new Cluster(
    resolved.nodes.map((node) => ({ ...node })),
    {
      enableOfflineQueue: queueWhileDown,
      clusterRetryStrategy: retryDelay,
      redisOptions: { connectionName, connectTimeout: CONNECT_TIMEOUT_MS, maxRetriesPerRequest },
    },
  );
  const connection = tracked(cluster);
  // When no node answers, ioredis says "Failed to refresh slots cache."; the nodes' own errors say why (the
  // "Connection is closed." that follows each of them does not).
  let nodeError = '';
  cluster.on('node error', (error: Error, node: string) => {
    if (error.message !== CONNECTION_CLOSED) nodeError = `${node}: ${error.message}`;
  });
  cluster.on('error', (error: Error & { lastNodeError?: Error }) => {
    if (error.lastNodeError) connection.noteError(`No node of the Redis Cluster answers (${nodeError || error.lastNodeError.message})`);
  });
  return connection;
}

/**
 * The pub/sub connection, used for nothing else: it queues a (P)SUBSCRIBE made while Redis is down and sends it
 * on reconnect. On a cluster it is one node's connection (any node carries every classic PUBLISH), moving to the
 * next seed node when that one is lost. Not ioredis Cluster's own subscriber: that one keeps the ready check
 * and CLIENT SETINFO, which lose subscriptions as described below.
 * @example const tail = connectSubscriber(brokerTarget(readEnv()), { connectionName: 'event-portal-tail' });
 */
export function connectSubscriber(
  target: string | BrokerTarget,
  { connectionName = 'event-portal-tail' }: Pick<BrokerOptions, 'connectionName'> = {},
): SubscriberConnection {
  const options: RedisOptions = {
    connectionName,
    enableOfflineQueue: true,
    maxRetriesPerRequest: null,
    connectTimeout: CONNECT_TIMEOUT_MS,
    retryStrategy: retryDelay,
    // ioredis 5 writes a (P)SUBSCRIBE made while it connects before its own INFO ready check and CLIENT SETINFO,
    // then refuses those in subscriber mode and loses the subscription (redis/ioredis#2037). The subscriber
    // connection does without both; the command connection keeps them.
    enableReadyCheck: false,
    disableClientInfo: true,
  };
  if (typeof target === 'string') return tracked(new Redis(target, options));
  if (target.kind === 'server') return tracked(new Redis(target.url, options));
  return tracked(new Redis({ ...options, Connector: rotatingConnector(target.nodes) }));
}

/**
 * Where shard channels (SSUBSCRIBE) are followed: a connection of their own, never the tail's pattern connection,
 * because SUNSUBSCRIBE's reply counts shard channels alone and ioredis leaves subscriber mode when it says 0, which
 * would lose the PSUBSCRIBEs' messages. On one server, a copy of the tail's subscriber connection; on a cluster, a
 * cluster client with ioredis' sharded subscribers, which holds a connection to the master of each slot it follows
 * and moves with the slots (a failover, a resharding). Either re-SSUBSCRIBEs after a reset, and tells of the reset.
 * @example new ShardSubscriptions(() => openShardClient(target, subscriber.redis), listener)
 */
export function openShardClient(target: BrokerTarget, subscriber: Redis): OpenedShardClient {
  if (target.kind === 'server') return shardCopyOf(subscriber);
  const cluster = new Cluster(
    target.nodes.map((node) => ({ ...node })),
    {
      shardedSubscribers: true,
      clusterRetryStrategy: retryDelay,
      redisOptions: { connectionName: 'event-portal-shards', connectTimeout: CONNECT_TIMEOUT_MS },
    },
  );
  // It retries by itself; what it meets is said at most once a minute, as the tail's own connection says it already.
  const warn = throttledLog((message) => log.warn(message), 60_000);
  cluster.on('error', (error: Error) => warn(`the shard channels' cluster connection: ${error.message}`));
  return {
    client: cluster,
    close: () => cluster.disconnect(),
    watchResets(watcher) {
      // A master's sharded subscriber connection ended: ioredis says so with its node key (its command connections'
      // '-node' has none), then refreshes the slots, connects anew and re-SSUBSCRIBEs, and says 'subscribersReady'.
      // The channels lost are those of the slots that master served, as the slots were known when it ended.
      cluster.on('-node', (_node: Redis, nodeKey?: string) => {
        if (typeof nodeKey !== 'string') return;
        const slots = cluster.slots;
        watcher.lost((channel) => (slots[keySlot(channel)]?.[0] ?? nodeKey) === nodeKey);
      });
      cluster.on('subscribersReady', () => watcher.back());
    },
  };
}

/**
 * A copy of `subscriber` (same server and options) for shard channels, named after it.
 * @example startLiveBridge({ io, subscriber, openShards: () => shardCopyOf(subscriber) })
 */
export function shardCopyOf(subscriber: Redis): OpenedShardClient {
  const copy = subscriber.duplicate({ connectionName: `${subscriber.options.connectionName ?? 'event-portal-tail'}-shards` });
  return {
    client: copy,
    close: () => copy.disconnect(),
    watchResets(watcher) {
      // ioredis re-SSUBSCRIBEs on reconnect (autoResubscribe) before it says 'ready'; every channel was on this connection.
      let up = false;
      copy.on('close', () => {
        if (up) watcher.lost(() => true);
        up = false;
      });
      copy.on('ready', () => {
        up = true;
        watcher.back();
      });
    },
  };
}

/**
 * The connections to put a node-local question to (PUBSUB NUMSUB, CONFIG GET, INFO): the server itself, or every
 * node of the cluster, replicas included, as ioredis last learnt them.
 */
export function everyNode(client: BrokerClient, role: 'all' | 'master' = 'all'): Redis[] {
  if (!(client instanceof Cluster)) return [client];
  const nodes = client.nodes(role);
  if (nodes.length === 0) throw new Error('no node of the Redis Cluster is known yet');
  return nodes;
}

/** Where a node's connection points, as `host:port`. */
export function nodeAddress(node: Redis): string {
  return formatAddress({ host: node.options.host ?? 'localhost', port: node.options.port ?? 6379 });
}

function tracked<Client extends BrokerClient>(redis: Client): BrokerConnection<Client> & { noteError(message: string): void } {
  let state: BrokerState = 'connecting';
  let lastError: string | null = null;
  redis.on('ready', () => {
    state = 'ready';
    lastError = null;
  });
  redis.on('error', (error: Error) => {
    lastError = error.message;
  });
  redis.on('close', () => {
    if (state === 'ready') state = 'unreachable';
  });
  redis.on('reconnecting', () => {
    state = 'unreachable';
  });
  return {
    redis,
    state: () => state,
    lastError: () => lastError,
    noteError: (message) => void (lastError = message),
    close: () => {
      redis.disconnect();
      return Promise.resolve();
    },
  };
}
