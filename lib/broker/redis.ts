import { Redis } from 'ioredis';

export type BrokerState = 'connecting' | 'ready' | 'unreachable';

export interface BrokerConnection {
  redis: Redis;
  state: () => BrokerState;
  /** The last connection error, for the health report. */
  lastError: () => string | null;
  close(): Promise<void>;
}

export interface BrokerOptions {
  connectionName?: string;
  /**
   * Queue commands while Redis is down. Off for the command connection, so callers fail fast with a clear
   * error; on for the subscriber, so a PSUBSCRIBE made during an outage is sent on reconnect.
   */
  queueWhileDown?: boolean;
}

/**
 * A Redis connection that keeps retrying in the background and reports its state.
 * @example const broker = connectBroker('redis://localhost:6379');
 */
export function connectBroker(
  url: string,
  { connectionName = 'event-portal', queueWhileDown = false }: BrokerOptions = {},
): BrokerConnection {
  let state: BrokerState = 'connecting';
  let lastError: string | null = null;
  const redis = new Redis(url, {
    connectionName,
    enableOfflineQueue: queueWhileDown,
    maxRetriesPerRequest: queueWhileDown ? null : 1,
    connectTimeout: 2_000,
    retryStrategy: (attempt) => Math.min(attempt * 200, 2_000),
    // ioredis 5 writes a (P)SUBSCRIBE made while it connects before its own INFO ready check and CLIENT SETINFO,
    // then refuses those in subscriber mode and loses the subscription (redis/ioredis#2037). The subscriber
    // connection does without both; the command connection keeps them.
    ...(queueWhileDown ? { enableReadyCheck: false, disableClientInfo: true } : {}),
  });
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
