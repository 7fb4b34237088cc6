import { Emitter } from '@socket.io/redis-emitter';
import type { Revocations } from '../auth/revocations.ts';
import { connectBroker } from '../broker/redis.ts';
import type { BrokerTarget } from '../broker/target.ts';
import { ADAPTER_KEY } from './instances.ts';
import { disconnectRevokedFrom } from './revocation-rooms.ts';

/** How long a command-line run waits for Redis before it does without. */
const CONNECT_WAIT_MS = 2_000;

export interface RevocationEmitter {
  /** Publishing closes the revoked credential's live sockets on every portal; nothing here holds sockets to subscribe. */
  revocations: Revocations;
  /** Sends what is still queued, then disconnects. */
  close(): Promise<void>;
}

/**
 * Revocations from a process without a Socket.IO server (`npm run users`), carried to every running portal over the
 * Socket.IO adapter's channels on the broker (one server or a cluster). When it cannot be reached within 2 s,
 * `onUnreachable` says why and revocations reach no portal: those sockets stay open until they reconnect or their
 * session ends.
 * @example const { revocations, close } = await connectRevocationEmitter(brokerTarget(env), (why) => warn(why));
 */
export async function connectRevocationEmitter(target: BrokerTarget, onUnreachable: (reason: string) => void): Promise<RevocationEmitter> {
  const connection = connectBroker(target, { connectionName: 'event-portal-cli', queueWhileDown: true });
  const ready = await new Promise<boolean>((resolve) => {
    if (connection.state() === 'ready') return resolve(true);
    const timer = setTimeout(() => resolve(false), CONNECT_WAIT_MS);
    connection.redis.once('ready', () => {
      clearTimeout(timer);
      resolve(true);
    });
  });
  if (!ready) {
    onUnreachable(connection.lastError() ?? `no answer within ${CONNECT_WAIT_MS / 1000} s`);
    await connection.close();
    return { revocations: { publish: () => {}, subscribe: () => () => {} }, close: () => Promise.resolve() };
  }
  const emitter = new Emitter(connection.redis, { key: ADAPTER_KEY });
  return {
    revocations: { publish: (revocation) => disconnectRevokedFrom(emitter, revocation), subscribe: () => () => {} },
    close: async () => {
      await connection.redis.quit().catch(() => undefined);
      await connection.close();
    },
  };
}
