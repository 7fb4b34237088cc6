import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Redis } from 'ioredis';
import { startRedis } from '../testing/services.ts';
import { startPortal, type RunningPortal } from './hostile/portal.ts';

const ROUNDS = 5;
const WINDOW_MS = 3_000;
/** Requests in flight at once, as a few CI jobs or eda clients publishing together. */
const CONCURRENCY = 16;
const PAYLOAD = JSON.stringify({ orderId: 'o-1', total: 42.5, lines: [{ sku: 'sku-1', quantity: 2 }] });
const ADMIN = { email: 'bench@example.com', password: 'the bench admin password' };

const median = (values: number[]): number => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? Number.NaN;

/** What the seed `eda` server did for `POST /topics/:topic`: read the body and PUBLISH it, with no checks and no audit. */
async function startBareServer(redisUrl: string): Promise<{ url: string; stop(): Promise<void> }> {
  const redis = new Redis(redisUrl);
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const topic = decodeURIComponent((req.url ?? '/').replace(/^\/topics\//, ''));
      redis.publish(topic, Buffer.concat(chunks)).then(
        () => res.writeHead(200, { 'Content-Type': 'application/json' }).end('{"message":"published"}'),
        () => res.writeHead(503).end(),
      );
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    stop: () => new Promise((resolve) => server.close(() => resolve(redis.disconnect()))),
  };
}

/** Completed publishes per second over `WINDOW_MS`, with CONCURRENCY clients each sending one after another. */
async function publishRate(url: string, headers: Record<string, string>): Promise<number> {
  let done = 0;
  let failed = 0;
  const until = performance.now() + WINDOW_MS;
  const client = async (): Promise<void> => {
    while (performance.now() < until) {
      const response = await fetch(`${url}/topics/bench.orders`, { method: 'POST', headers, body: PAYLOAD });
      await response.arrayBuffer();
      if (response.ok) done++;
      else failed++;
    }
  };
  const started = performance.now();
  await Promise.all(Array.from({ length: CONCURRENCY }, client));
  if (failed > 0) throw new Error(`${failed} publishes to ${url} failed`);
  return done / ((performance.now() - started) / 1000);
}

/** An AUTH=required portal's editor token, made by its first admin through the API as a person would. */
async function editorToken(portal: RunningPortal): Promise<string> {
  const origin = { Origin: portal.url, 'Content-Type': 'application/json' };
  const signIn = await fetch(`${portal.url}/api/auth/sign-in/email`, { method: 'POST', headers: origin, body: JSON.stringify(ADMIN) });
  if (!signIn.ok) throw new Error(`the bench admin could not sign in: ${signIn.status} ${await signIn.text()}`);
  const cookie = signIn.headers
    .getSetCookie()
    .map((c) => c.split(';')[0])
    .join('; ');
  const made = await fetch(`${portal.url}/api/tokens`, {
    method: 'POST',
    headers: { ...origin, cookie },
    body: JSON.stringify({ name: 'bench', role: 'editor' }),
  });
  if (made.status !== 201) throw new Error(`no token: ${made.status} ${await made.text()}`);
  return ((await made.json()) as { token: string }).token;
}

/**
 * The "eda" part of `npm run bench`: `POST /topics/:topic` (the seed CLI's publish) over HTTP, in publishes per second,
 * on the portal in AUTH=local and in AUTH=required with an editor's Bearer token (a token lookup and an audit row per
 * publish), against a bare HTTP server that only PUBLISHes, as the seed `eda` server did, in the same paired rounds.
 */
export async function benchEda(): Promise<void> {
  const redis = await startRedis();
  const bare = await startBareServer(redis.url);
  const local = await startPortal(redis.url);
  const required = await startPortal(redis.url, {
    AUTH: 'required',
    AUTH_SECRET: 'the-bench-session-secret-of-32-characters',
    ADMIN_EMAIL: ADMIN.email,
    ADMIN_PASSWORD: ADMIN.password,
  });
  try {
    const bearer = { authorization: `Bearer ${await editorToken(required)}` };
    const rates = { bare: [] as number[], local: [] as number[], token: [] as number[] };
    await publishRate(local.url, {});
    for (let round = 0; round < ROUNDS; round++) {
      rates.bare.push(await publishRate(bare.url, {}));
      rates.local.push(await publishRate(local.url, {}));
      rates.token.push(await publishRate(required.url, bearer));
    }
    const ratios = (side: number[]) => side.map((rate, i) => rate / rates.bare[i]!);
    const line = (name: string, side: number[]) => {
      const each = ratios(side);
      return `  ${name.padEnd(34)} ${median(side).toFixed(0).padStart(6)} /s  ${median(each).toFixed(2)}× (rounds ${each.map((r) => r.toFixed(2)).join(', ')})`;
    };
    console.log(`\neda: POST /topics/:topic, ${CONCURRENCY} clients, ${ROUNDS} paired rounds of ${WINDOW_MS / 1000} s, medians`);
    console.log(`  ${'bare server (PUBLISH only)'.padEnd(34)} ${median(rates.bare).toFixed(0).padStart(6)} /s  baseline`);
    console.log(line('portal, AUTH=local (audited)', rates.local));
    console.log(line('portal, AUTH=required, Bearer token', rates.token));
  } finally {
    await Promise.all([local.stop(), required.stop(), bare.stop()]);
    await redis.stop();
  }
}
