import assert from 'node:assert/strict';
import { createServer, request as httpRequest, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, describe, test } from 'node:test';
import type { Database } from '../../prisma/db.ts';
import { testBackends } from '../../testing/databases.ts';
import { startHaproxy, type RunningHaproxy } from '../../testing/haproxy.ts';
import { testIdentity } from '../../testing/identity.ts';
import { createAuditLog } from '../audit/audit-log.ts';
import { CLIENT_ADDRESS_HEADER, stampClientAddress } from './client-address.ts';
import type { Identity } from './identity.ts';
import { NO_TRUSTED_PROXIES, parseTrustedProxies, type TrustedProxies } from './trusted-proxies.ts';

const postgres = testBackends().find((backend) => backend.name === 'postgresql')!;

/** The web Request server.ts's Next handler would build from `req`, once stamped. */
async function toRequest(req: IncomingMessage, port: number): Promise<Request> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  const headers = new Headers();
  for (const [name, value] of Object.entries(req.headers)) for (const one of [value ?? []].flat()) headers.append(name, one);
  return new Request(`http://127.0.0.1:${port}${req.url}`, { method: req.method, headers, body: Buffer.concat(chunks) });
}

/** An HTTP request through `url` sent from the local address `from` (any of 127.0.0.0/8 on Linux). */
function send(url: string, path: string, from: string, headers: Record<string, string> = {}, body?: unknown) {
  return new Promise<{ status: number; text: string }>((resolve, reject) => {
    const { hostname, port } = new URL(url);
    const json = body === undefined ? undefined : JSON.stringify(body);
    const req = httpRequest(
      {
        host: hostname,
        port,
        path,
        method: json ? 'POST' : 'GET',
        localAddress: from,
        headers: { 'Content-Type': 'application/json', ...headers },
      },
      (res) => {
        let text = '';
        res.on('data', (chunk: Buffer) => (text += chunk.toString()));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, text }));
      },
    );
    req.on('error', reject);
    req.end(json);
  });
}

describe('the client address behind a real HAProxy (deploy/haproxy.cfg, option forwardfor)', { skip: postgres.skip ?? false }, () => {
  let database: Database;
  let identity: Identity;
  let backend: Server;
  let haproxy: RunningHaproxy;
  let trusted: TrustedProxies = NO_TRUSTED_PROXIES;

  before(async () => {
    database = await postgres.open();
    ({ identity } = testIdentity(database.prisma, 'required'));
    // What server.ts does before Next: stamp the address, then hand the request on (here to the identity alone).
    backend = createServer((req, res) => {
      stampClientAddress(req, trusted);
      const port = (backend.address() as AddressInfo).port;
      if (!req.url?.startsWith('/api/auth/')) return res.end(JSON.stringify({ address: req.headers[CLIENT_ADDRESS_HEADER] }));
      void toRequest(req, port)
        .then((request) => identity.handle(request))
        .then(async (response) => {
          res.writeHead(response.status, { 'Content-Type': 'application/json' });
          res.end(await response.text());
        });
    });
    await new Promise<void>((resolve) => backend.listen(0, '127.0.0.1', resolve));
    haproxy = await startHaproxy([{ name: 'portal-a', port: (backend.address() as AddressInfo).port }]);
  });

  after(async () => {
    await haproxy?.stop();
    backend?.close();
    await database?.close();
  });

  const addressSeen = async (from: string, headers?: Record<string, string>) =>
    (JSON.parse((await send(haproxy.url, '/whoami', from, headers)).text) as { address: string }).address;

  test('without TRUSTED_PROXIES every client is the proxy', async () => {
    trusted = NO_TRUSTED_PROXIES;
    assert.equal(await addressSeen('127.0.0.2'), '127.0.0.1');
    assert.equal(await addressSeen('127.0.0.3'), '127.0.0.1');
  });

  test('with TRUSTED_PROXIES=127.0.0.1 each client is the address HAProxy forwarded, whatever it claims itself', async () => {
    const parsed = parseTrustedProxies('127.0.0.1');
    assert.ok('proxies' in parsed);
    trusted = parsed.proxies;
    assert.equal(await addressSeen('127.0.0.2'), '127.0.0.2');
    assert.equal(await addressSeen('127.0.0.3', { 'X-Forwarded-For': '203.0.113.5' }), '127.0.0.3', 'a spoofed X-Forwarded-For');
    assert.equal(await addressSeen('127.0.0.3', { [CLIENT_ADDRESS_HEADER]: '203.0.113.5' }), '127.0.0.3', 'a spoofed stamp');
  });

  test('failed sign-ins are audited and limited per forwarded client, not per proxy', async () => {
    const parsed = parseTrustedProxies('127.0.0.1');
    assert.ok('proxies' in parsed);
    trusted = parsed.proxies;
    const guess = (from: string, i: number) =>
      send(haproxy.url, '/api/auth/sign-in/email', from, {}, { email: `guess${i}@example.com`, password: 'wrong password' });
    for (let i = 0; i < 10; i++) assert.equal((await guess('127.0.0.4', i)).status, 401, `attempt ${i + 1}`);
    assert.equal((await guess('127.0.0.4', 10)).status, 429, 'the 11th from that client');
    assert.equal((await guess('127.0.0.5', 11)).status, 401, 'another client behind the same proxy is not refused');
    const failed = (await createAuditLog(database.prisma).list({ action: 'user.login.failed', limit: 100 })).events;
    assert.deepEqual(
      [...new Set(failed.map((event) => event.ip))].sort(),
      ['127.0.0.4', '127.0.0.5'],
      'the audit log names each client, not HAProxy',
    );
  });
});
