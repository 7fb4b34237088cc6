import { Emitter } from '@socket.io/redis-emitter';
import { Redis } from 'ioredis';
import type { Revocations } from '../auth/revocations.ts';
import { ADAPTER_KEY } from './instances.ts';
import { disconnectRevokedFrom } from './revocation-rooms.ts';

export interface RevocationEmitter {
  /** Publishing closes the revoked credential's live sockets on every portal; nothing here holds sockets to subscribe. */
  revocations: Revocations;
  /** Sends what is still queued, then disconnects. */
  close(): Promise<void>;
}

/**
 * Revocations from a process without a Socket.IO server (`npm run users`), carried to every running portal over the
 * Socket.IO adapter's channels on the Redis at `url`. When Redis cannot be reached within 2 s, `onUnreachable` says
 * why and revocations reach no portal: those sockets stay open until they reconnect or their session ends.
 * @example const { revocations, close } = await connectRevocationEmitter(env.REDIS_URL, (why) => warn(why));
 */
export async function connectRevocationEmitter(url: string, onUnreachable: (reason: string) => void): Promise<RevocationEmitter> {
  const redis = new Redis(url, {
    lazyConnect: true,
    connectTimeout: 2_000,
    enableOfflineQueue: false,
    maxRetriesPerRequest: 1,
    retryStrategy: () => null,
    connectionName: 'event-portal-cli',
  });
  redis.on('error', () => {});
  try {
    await redis.connect();
  } catch (error) {
    onUnreachable((error as Error).message);
    redis.disconnect();
    return { revocations: { publish: () => {}, subscribe: () => () => {} }, close: () => Promise.resolve() };
  }
  const emitter = new Emitter(redis, { key: ADAPTER_KEY });
  return {
    revocations: { publish: (revocation) => disconnectRevokedFrom(emitter, revocation), subscribe: () => () => {} },
    close: async () => {
      await redis.quit().catch(() => redis.disconnect());
    },
  };
}
