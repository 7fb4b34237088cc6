import { once } from 'node:events';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Readable } from 'node:stream';

export type RouteHandler = (request: Request) => Promise<Response>;
/** A route module's handlers, as app/api/…/route.ts exports them. */
export type RouteModule = Partial<Record<'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE', RouteHandler>>;

export interface RouteServer {
  /** The server's base URL, ending in `/`. */
  url: string;
  stop(): Promise<void>;
}

/**
 * A real HTTP server on a free port that hands each request to the route handlers of its path, as Next does:
 * the request as a fetch `Request` (its body streamed, so the handler's own size limit applies), the `Response`
 * written back. For clients that must talk HTTP (the CLI in a child process) to handlers wired by startRouteServices.
 * @example const server = await serveRoutes({ '/api/documents': await import('../app/api/documents/route.ts') });
 */
export async function serveRoutes(routes: Record<string, RouteModule>): Promise<RouteServer> {
  const server = createServer((request, response) => {
    void answer(routes, request, response).catch((error: unknown) => {
      response.writeHead(500, { 'Content-Type': 'text/plain' }).end(`route server: ${String(error)}`);
    });
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/`,
    async stop() {
      server.closeAllConnections();
      server.close();
      await once(server, 'close');
    },
  };
}

async function answer(routes: Record<string, RouteModule>, incoming: IncomingMessage, outgoing: ServerResponse): Promise<void> {
  const url = new URL(incoming.url ?? '/', `http://${incoming.headers.host ?? '127.0.0.1'}`);
  const route = Object.hasOwn(routes, url.pathname) ? routes[url.pathname] : undefined;
  const handler = route?.[incoming.method as keyof RouteModule];
  if (!handler) {
    outgoing
      .writeHead(route ? 405 : 404, { 'Content-Type': 'application/json' })
      .end(JSON.stringify({ error: `no route for ${incoming.method} ${url.pathname}` }));
    return;
  }
  const response = await handler(toRequest(url, incoming));
  const headers: Record<string, string | string[]> = {};
  response.headers.forEach((value, name) => (headers[name] = value));
  const cookies = response.headers.getSetCookie();
  if (cookies.length > 0) headers['set-cookie'] = cookies;
  outgoing.writeHead(response.status, headers).end(Buffer.from(await response.arrayBuffer()));
}

function toRequest(url: URL, incoming: IncomingMessage): Request {
  const headers = new Headers();
  for (const [name, value] of Object.entries(incoming.headers)) {
    for (const one of Array.isArray(value) ? value : value === undefined ? [] : [value]) headers.append(name, one);
  }
  const hasBody = incoming.method !== 'GET' && incoming.method !== 'HEAD';
  // Node requires `duplex` for a streamed body; the DOM typings do not know it, and take the extra key as it is.
  const body = hasBody ? { body: Readable.toWeb(incoming) as ReadableStream<Uint8Array>, duplex: 'half' } : {};
  return new Request(url, { method: incoming.method, headers, ...body });
}
