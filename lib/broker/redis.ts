import { Redis, type RedisOptions } from 'ioredis';

export type BrokerState = 'connecting' | 'ready' | 'unreachable';

export interface BrokerConnection {
  redis: Redis;
  state: () => BrokerState;
  /** The last connection error, for the health report. */
  lastError: () => string | null;
  close(): Promise<void>;
}

/** The pub/sub connection (see connectSubscriber). */
export type SubscriberConnection = BrokerConnection;

export interface BrokerOptions {
  connectionName?: string;
}

const CONNECT_TIMEOUT_MS = 2_000;
const retryDelay = (attempt: number): number => Math.min(attempt * 200, 2_000);

/**
 * The command connection: it keeps retrying in the background, reports its state, and fails commands fast
 * while Redis is down.
 * @example const broker = connectBroker('redis://localhost:6379');
 */
export function connectBroker(url: string, { connectionName = 'event-portal' }: BrokerOptions = {}): BrokerConnection {
  return tracked(
    new Redis(url, {
      connectionName,
      enableOfflineQueue: false,
      maxRetriesPerRequest: 1,
      connectTimeout: CONNECT_TIMEOUT_MS,
      retryStrategy: retryDelay,
    }),
  );
}

/**
 * The pub/sub connection, used for nothing else: it queues a (P)SUBSCRIBE made while Redis is down and sends it
 * on reconnect.
 * @example const tail = connectSubscriber('redis://localhost:6379', { connectionName: 'event-portal-tail' });
 */
export function connectSubscriber(url: string, { connectionName = 'event-portal-tail' }: BrokerOptions = {}): SubscriberConnection {
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
  return tracked(new Redis(url, options));
}

function tracked(redis: Redis): BrokerConnection {
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
    close: () => {
      redis.disconnect();
      return Promise.resolve();
    },
  };
}
