import type { IncomingHttpHeaders } from 'node:http';
import type { ServerOptions } from 'socket.io';
import { log } from '../log.ts';
import { checkOrigin, type OriginHeaders } from '../origin.ts';

type AllowRequest = NonNullable<ServerOptions['allowRequest']>;

/**
 * Socket.IO's `allowRequest`: refuses a handshake (HTTP 403, or a closed WebSocket upgrade) from an origin
 * `checkOrigin` refuses, so another site's page cannot follow the broker through a visitor's browser.
 * The browser only sees a failed connection, so the reason is logged here.
 * @example new Server(httpServer, { allowRequest: allowSameOrigin(env.ALLOWED_ORIGINS) });
 */
export function allowSameOrigin(allowedOrigins: readonly string[]): AllowRequest {
  return (request, callback) => {
    const verdict = checkOrigin(originHeadersOf(request.headers), allowedOrigins);
    if (verdict.allowed) return callback(null, true);
    log.warn(`refused a Socket.IO connection: ${verdict.reason}`);
    callback(verdict.reason, false);
  };
}

function originHeadersOf(headers: IncomingHttpHeaders): OriginHeaders {
  const one = (value: string | string[] | undefined): string | undefined => (Array.isArray(value) ? value.join(', ') : value);
  return { origin: one(headers.origin), secFetchSite: one(headers['sec-fetch-site']), host: one(headers.host) };
}
