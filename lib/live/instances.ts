import { createAdapter } from '@socket.io/redis-adapter';
import type { Cluster, Redis } from 'ioredis';
import { PORTAL_CHANNEL_PREFIX } from '../common/portal-channels.ts';
import type { LiveServer } from './hub.ts';

/** The Socket.IO adapter's key: its channels are `event-portal:io#/#…` and `event-portal:io-request#/#`. */
export const ADAPTER_KEY = `${PORTAL_CHANNEL_PREFIX}io`;

/**
 * Joins this instance's Socket.IO server to the others on the same Redis (`@socket.io/redis-adapter`), for the few
 * events that concern every instance: a revoked credential's sockets (see revocation-rooms.ts). Broker traffic never
 * crosses it: each instance feeds its own browsers from its own PSUBSCRIBE. `pub` sends (queueing while Redis is
 * down), `sub` is a connection of its own in subscriber mode.
 * @example shareAcrossInstances(io, connectBroker(url, { queueWhileDown: true }).redis, connectBroker(url, { queueWhileDown: true }).redis);
 */
export function shareAcrossInstances(io: LiveServer, pub: Redis | Cluster, sub: Redis | Cluster): void {
  io.adapter(createAdapter(pub, sub, { key: ADAPTER_KEY }));
}

/**
 * Runs `run` each time `connection` is back after it was lost (not at its first connection): what the adapter would
 * have carried meanwhile is gone, so whatever it keeps in step must be checked again.
 * @example afterReconnect(adapterSub.redis, () => void guard.recheck());
 */
export function afterReconnect(connection: Redis, run: () => void): void {
  let lost = false;
  connection.on('close', () => {
    lost = true;
  });
  connection.on('ready', () => {
    if (!lost) return;
    lost = false;
    run();
  });
}
