import type { Socket } from 'socket.io';

type Middleware = (socket: Socket, next: (error?: Error) => void) => void;

/**
 * Socket.IO middleware that refuses a connection from an address which already holds `max` of them, so a few
 * scripts cannot open thousands of tails. The refused client gets a `connect_error` saying why.
 * @example io.use(limitConnectionsPerAddress(20));
 */
export function limitConnectionsPerAddress(max: number): Middleware {
  const open = new Map<string, number>();
  return (socket, next) => {
    const address = socket.handshake.address;
    const count = open.get(address) ?? 0;
    if (count >= max) {
      next(
        new Error(
          `At most ${max} live connections may be open from one address (LIVE_MAX_CONNECTIONS_PER_ADDRESS); close another tab first.`,
        ),
      );
      return;
    }
    open.set(address, count + 1);
    socket.once('disconnect', () => {
      const left = (open.get(address) ?? 1) - 1;
      if (left > 0) open.set(address, left);
      else open.delete(address);
    });
    next();
  };
}
