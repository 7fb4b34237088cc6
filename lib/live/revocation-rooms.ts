import type { Emitter } from '@socket.io/redis-emitter';
import type { Revocation } from '../auth/revocations.ts';
import type { LiveSocketData } from './events.ts';
import type { LiveServer } from './hub.ts';

/** The room of the sockets a revocation ends: one token's, one session's, or every one of a user (theirs and their tokens'). */
export function revocationRoom(revocation: Revocation): string {
  if ('tokenId' in revocation) return `token:${revocation.tokenId}`;
  if ('sessionId' in revocation) return `session:${revocation.sessionId}`;
  return `user:${revocation.userId}`;
}

/** The rooms a socket joins for what it was let in with, so that revoking any of them finds it on any instance. */
export function holderRooms(holder: LiveSocketData): string[] {
  return [
    ...(holder.actor.kind === 'token' ? [revocationRoom({ tokenId: holder.actor.id })] : []),
    ...(holder.sessionId ? [revocationRoom({ sessionId: holder.sessionId })] : []),
    ...(holder.userId ? [revocationRoom({ userId: holder.userId })] : []),
  ];
}

/**
 * Disconnects the revoked credential's sockets here at once, and on every other instance through the adapter (a
 * round trip through Redis, which also reaches this one; queued while Redis is down).
 * @example revocations.subscribe((revocation) => disconnectRevoked(io, revocation));
 */
export function disconnectRevoked(io: LiveServer, revocation: Revocation): void {
  const room = revocationRoom(revocation);
  io.local.in(room).disconnectSockets(true);
  io.in(room).disconnectSockets(true);
}

/**
 * Disconnects the revoked credential's sockets on every running portal, from a process with no Socket.IO server of
 * its own (`npm run users -- deactivate`), through `@socket.io/redis-emitter` on the adapter's key.
 * @example disconnectRevokedFrom(new Emitter(redis, { key: ADAPTER_KEY }), { userId });
 */
export function disconnectRevokedFrom(emitter: Emitter, revocation: Revocation): void {
  emitter.in(revocationRoom(revocation)).disconnectSockets(true);
}
