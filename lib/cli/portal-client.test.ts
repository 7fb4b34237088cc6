import assert from 'node:assert/strict';
import { once } from 'node:events';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, test } from 'node:test';
import type { PortalOptions } from './args.ts';
import { MAX_ANSWER_BYTES, postDocument, PortalRequestError } from './portal-client.ts';

// What the portal's answers can be at the HTTP level, from a server that answers each path its own way.
type Handler = (request: IncomingMessage, body: string, response: ServerResponse) => void;
const seen: { method?: string; url?: string; headers: IncomingMessage['headers']; body: string }[] = [];
const HANDLERS: Record<string, Handler> = {
  '/portal/api/documents': (request, body, response) => {
    seen.push({ method: request.method, url: request.url, headers: request.headers, body });
    response.writeHead(200, { 'Content-Type': 'application/json' }).end('{"status":"created","slug":"s","version":"1.0.0"}');
  },
  '/silent/api/documents': () => {},
  '/moved/api/documents': (_request, _body, response) => response.writeHead(308, { Location: 'https://elsewhere.example/' }).end(),
  '/html/api/documents': (_request, _body, response) => response.writeHead(200, { 'Content-Type': 'text/html' }).end('<h1>Welcome</h1>'),
  '/huge/api/documents': (_request, _body, response) => {
    response.writeHead(200, { 'Content-Type': 'application/json' });
    response.end(`"${'x'.repeat(MAX_ANSWER_BYTES)}"`);
  },
};

let server: Server;
let base: string;
before(async () => {
  server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () =>
      HANDLERS[new URL(request.url ?? '/', 'http://x').pathname]?.(request, Buffer.concat(chunks).toString(), response),
    );
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
after(() => {
  server.closeAllConnections();
  server.close();
});

const portal = (path: string, overrides: Partial<PortalOptions> = {}): PortalOptions => ({
  url: new URL(`${base}${path}`),
  token: undefined,
  timeoutMs: 5000,
  ...overrides,
});

test('the document goes to api/documents under the URL, as YAML or JSON, with the token', async () => {
  seen.length = 0;
  assert.deepEqual(await postDocument(portal('/portal/', { token: 'ept_t' }), 'asyncapi: 3.0.0\n', { dryRun: true }), {
    status: 200,
    body: { status: 'created', slug: 's', version: '1.0.0' },
  });
  await postDocument(portal('/portal/'), '  {"asyncapi":"3.0.0"}', { dryRun: false });
  assert.deepEqual(
    seen.map((s) => [s.method, s.url, s.headers['content-type'], s.headers.authorization, s.body]),
    [
      ['POST', '/portal/api/documents?dryRun=true', 'application/yaml', 'Bearer ept_t', 'asyncapi: 3.0.0\n'],
      ['POST', '/portal/api/documents', 'application/json', undefined, '  {"asyncapi":"3.0.0"}'],
    ],
  );
});

async function failure(options: PortalOptions): Promise<string> {
  const error = await postDocument(options, 'asyncapi: 3.0.0\n', { dryRun: true }).then(
    () => assert.fail('the request succeeded'),
    (e: unknown) => e,
  );
  assert.ok(error instanceof PortalRequestError, String(error));
  return error.message;
}

test('a portal that does not answer in time, or cannot be reached, is a PortalRequestError saying so', async () => {
  const started = Date.now();
  assert.match(
    await failure(portal('/silent/', { timeoutMs: 300 })),
    /^No answer from the portal at http:\/\/127\.0\.0\.1:\d+\/silent\/ within 0\.3 s \(--timeout\)/,
  );
  assert.ok(Date.now() - started < 3000, 'the timeout holds');
  const closed = createServer();
  closed.listen(0, '127.0.0.1');
  await once(closed, 'listening');
  const { port } = closed.address() as AddressInfo;
  closed.close();
  assert.match(
    await failure({ ...portal('/'), url: new URL(`http://127.0.0.1:${port}/`) }),
    /^Cannot reach the portal at .*ECONNREFUSED.*Check --url and that the portal is running\.$/,
  );
});

test('a redirect is not followed, an answer that is not JSON or too large is refused', async () => {
  assert.match(
    await failure(portal('/moved/', { token: 'ept_t' })),
    /redirects to https:\/\/elsewhere\.example\/: pass that address as --url/,
  );
  assert.match(await failure(portal('/html/')), /answered HTTP 200 with something other than JSON: is --url the portal's address\?/);
  assert.match(await failure(portal('/huge/')), new RegExp(`answer is over ${MAX_ANSWER_BYTES} bytes`));
});
