import type { IncomingHttpHeaders, IncomingMessage } from 'node:http';
import { forwardedClient } from './forwarded-for.ts';
import { NO_TRUSTED_PROXIES, type TrustedProxies } from './trusted-proxies.ts';

/**
 * The header server.ts sets to the address a request came from, replacing any value the client sent, so
 * better-auth, the sign-in limiter, the live connection limit and the audit log key on an address nobody can
 * choose: the connection's, or behind a trusted proxy (`TRUSTED_PROXIES`) the client it forwarded for.
 */
export const CLIENT_ADDRESS_HEADER = 'x-portal-client-address';

/**
 * Stamps the client's address on `req` (see `forwardedClient`), overwriting what the client sent; call before
 * Next or Socket.IO sees it. X-Forwarded-For counts only from a connection of a proxy in `trusted`.
 * @example stampClientAddress(req, trustedProxies(env));
 */
export function stampClientAddress(req: IncomingMessage, trusted: TrustedProxies = NO_TRUSTED_PROXIES): void {
  const address = forwardedClient(req.socket.remoteAddress, req.headers['x-forwarded-for'], trusted);
  if (address) req.headers[CLIENT_ADDRESS_HEADER] = address;
  else delete req.headers[CLIENT_ADDRESS_HEADER];
}

/**
 * `stampClientAddress` as an Engine.IO middleware, so a live handshake carries the same address as a page request.
 * @example io.engine.use(clientAddressMiddleware(trustedProxies(env)));
 */
export function clientAddressMiddleware(trusted: TrustedProxies): (req: IncomingMessage, res: unknown, next: () => void) => void {
  return (req, _res, next) => {
    stampClientAddress(req, trusted);
    next();
  };
}

/** The address server.ts stamped on a request, or `unknown` (a route called without server.ts, as in tests). */
export function clientAddress(request: Request): string {
  return request.headers.get(CLIENT_ADDRESS_HEADER) ?? 'unknown';
}

/** The address stamped on a Socket.IO handshake (see `clientAddressMiddleware`), else its connection's. */
export function handshakeAddress(handshake: { headers: IncomingHttpHeaders; address: string }): string {
  const stamped = handshake.headers[CLIENT_ADDRESS_HEADER];
  return typeof stamped === 'string' ? stamped : handshake.address;
}
