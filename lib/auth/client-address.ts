import type { IncomingMessage } from 'node:http';

/**
 * The header server.ts sets to the address a request came from, replacing any value the client sent, so
 * better-auth and the sign-in limiter key on an address nobody can choose (X-Forwarded-For can be forged).
 */
export const CLIENT_ADDRESS_HEADER = 'x-portal-client-address';

/** Stamps the socket's remote address on `req`, overwriting what the client sent; call before Next sees it. */
export function stampClientAddress(req: IncomingMessage): void {
  const address = req.socket.remoteAddress;
  if (address) req.headers[CLIENT_ADDRESS_HEADER] = address;
  else delete req.headers[CLIENT_ADDRESS_HEADER];
}

/** The address server.ts stamped on a request, or `unknown` (a route called without server.ts, as in tests). */
export function clientAddress(request: Request): string {
  return request.headers.get(CLIENT_ADDRESS_HEADER) ?? 'unknown';
}
