import type { Server } from 'socket.io';
import { addressGroup } from '../auth/address-group.ts';
import { handshakeAddress } from '../auth/client-address.ts';

/**
 * Refuses a Socket.IO connection from an address (the client's behind a trusted proxy, an IPv6 one by its /64) which
 * already holds `max` of them, so a few scripts cannot open thousands of tails; the refused client gets a
 * `connect_error` saying why. Connections are counted once established and until they end: a handshake whose
 * transport closes before it completes never counts, so it cannot leave a count behind.
 * @example limitConnectionsPerAddress(io, 20);
 */
export function limitConnectionsPerAddress<S extends Server>(io: S, max: number): void {
  const open = new Map<string, number>();
  io.use((socket, next) => {
    if ((open.get(addressGroup(handshakeAddress(socket.handshake))) ?? 0) < max) next();
    else
      next(
        new Error(
          `At most ${max} live connections may be open from one address (LIVE_MAX_CONNECTIONS_PER_ADDRESS); close another tab first.`,
        ),
      );
  });
  io.on('connection', (socket) => {
    const address = addressGroup(handshakeAddress(socket.handshake));
    open.set(address, (open.get(address) ?? 0) + 1);
    socket.once('disconnect', () => {
      const left = (open.get(address) ?? 1) - 1;
      if (left > 0) open.set(address, left);
      else open.delete(address);
    });
  });
}
