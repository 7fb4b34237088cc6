import assert from 'node:assert/strict';
import { once } from 'node:events';
import { createServer, type Server, type Socket } from 'node:net';
import { after, before, describe, test } from 'node:test';
import pg from 'pg';
import { validateDocument } from '../../asyncapi/validate.ts';
import { connectBroker, type BrokerConnection } from '../../lib/broker/redis.ts';
import { createCatalogue } from '../../lib/catalogue.ts';
import { CATALOGUE_UNAVAILABLE_DIGEST } from '../../lib/common/catalogue-unavailable.ts';
import { services } from '../../lib/services.ts';
import { openDatabase, type Database } from '../../prisma/db.ts';
import { testBackends } from '../../testing/databases.ts';
import { readExample } from '../../testing/examples.ts';
import { useRedis, type TestRedis } from '../../testing/redis.ts';
import { serveRoutes } from '../../testing/route-services.ts';
import { freePort } from '../../testing/services.ts';
import { waitUntil } from '../../testing/wait.ts';
import ChannelsPage from '../channels/page.tsx';
import { GET as getChannels } from './channels/route.ts';
import { GET as getDiff } from './documents/[slug]/diff/route.ts';
import { GET as getDocument } from './documents/[slug]/route.ts';
import { GET as getVersion, PATCH as patchVersion } from './documents/[slug]/versions/[version]/route.ts';
import { GET as listDocuments, POST as registerDocument } from './documents/route.ts';
import { GET as getDrift } from './drift/route.ts';
import { GET as getHealth } from './health/route.ts';
import { GET as getPublishChannel } from './publish/channels/[slug]/[version]/route.ts';
import { GET as listPublishChannels } from './publish/channels/route.ts';
import { POST as publish } from './publish/route.ts';

// A catalogue on a real PostgreSQL that goes away: the API says so with a 503, never a 500 or the driver's words.
const postgres = testBackends().find((backend) => backend.name === 'postgresql')!;
const UNAVAILABLE = 'The catalogue database is unavailable; try again shortly.';
const SLUG = 'greenhouse-sensors';
const VERSION = '2.1.0';

let redis: TestRedis;
let broker: BrokerConnection;
let port: number;

before(async () => {
  redis = await useRedis();
  broker = connectBroker(redis.url);
  await once(broker.redis, 'ready');
});

after(async () => {
  await broker.close();
  await redis.stop();
});

const at = (path: string, init?: RequestInit): Request => new Request(`http://127.0.0.1:${port}${path}`, init);
const json = (body: unknown): RequestInit => ({
  method: 'POST',
  headers: { 'Content-Type': 'application/json' },
  body: JSON.stringify(body),
});

/** Every API route that reads or writes the catalogue, called as Next calls it. */
const CATALOGUE_ROUTES: [string, () => Promise<Response>][] = [
  ['GET /api/documents', () => listDocuments(at('/api/documents'))],
  ['GET /api/documents?q=', () => listDocuments(at('/api/documents?q=sensor'))],
  [
    'POST /api/documents',
    async () =>
      registerDocument(
        at('/api/documents', {
          method: 'POST',
          headers: { 'Content-Type': 'application/yaml' },
          body: await readExample('user-signup-v2.yaml'),
        }),
      ),
  ],
  ['GET /api/documents/:slug', () => getDocument(at(`/api/documents/${SLUG}`), { params: Promise.resolve({ slug: SLUG }) })],
  [
    'GET /api/documents/:slug/versions/:version',
    () => getVersion(at(`/api/documents/${SLUG}/versions/${VERSION}`), { params: Promise.resolve({ slug: SLUG, version: VERSION }) }),
  ],
  [
    'PATCH /api/documents/:slug/versions/:version',
    () =>
      patchVersion(at(`/api/documents/${SLUG}/versions/${VERSION}`, { ...json({ status: 'deprecated' }), method: 'PATCH' }), {
        params: Promise.resolve({ slug: SLUG, version: VERSION }),
      }),
  ],
  [
    'GET /api/documents/:slug/diff',
    () => getDiff(at(`/api/documents/${SLUG}/diff?from=${VERSION}&to=${VERSION}`), { params: Promise.resolve({ slug: SLUG }) }),
  ],
  ['GET /api/channels', () => getChannels(at('/api/channels'))],
  ['GET /api/drift', () => getDrift(at('/api/drift'))],
  ['GET /api/publish/channels', () => listPublishChannels(at('/api/publish/channels'))],
  [
    'GET /api/publish/channels/:slug/:version',
    () =>
      getPublishChannel(at(`/api/publish/channels/${SLUG}/${VERSION}?channel=sensorReading`), {
        params: Promise.resolve({ slug: SLUG, version: VERSION }),
      }),
  ],
  [
    'POST /api/publish with a schema',
    () =>
      publish(
        at(
          '/api/publish',
          json({
            topic: 'greenhouse/north/sensor/th-1/reading',
            payload: {},
            schema: { slug: SLUG, version: VERSION, channel: 'sensorReading', message: 'SensorReading' },
          }),
        ),
      ),
  ],
];

/** Calls `route` with the server log it writes for the outage kept out of the test output. */
async function quietly<T>(route: () => Promise<T>): Promise<T> {
  const original = process.stderr.write.bind(process.stderr);
  process.stderr.write = () => true;
  try {
    return await route();
  } finally {
    process.stderr.write = original;
  }
}

async function assertUnavailable(name: string, response: Response): Promise<void> {
  assert.equal(response.status, 503, name);
  assert.match(response.headers.get('content-type') ?? '', /^application\/json/, name);
  assert.equal(response.headers.get('retry-after'), '5', name);
  assert.deepEqual(await response.json(), { error: UNAVAILABLE }, name);
}

/** The health answer, checked to name no host, port, SQL or driver text. */
async function assertHealthDown(): Promise<void> {
  const response = await quietly(() => getHealth());
  assert.equal(response.status, 503);
  const text = await response.text();
  const body = JSON.parse(text) as { status: string; database: { status: string; error: string } };
  assert.equal(body.status, 'down');
  assert.equal(body.database.status, 'down');
  assert.equal(body.database.error, 'The catalogue database is unreachable.');
  assert.doesNotMatch(text, new RegExp(`127\\.0\\.0\\.1|localhost|:${port}|5432|portal_test|SELECT|prisma|Invalid|Raw query|\\bat /`, 'i'));
}

describe('PostgreSQL going away', { skip: postgres.skip ?? false }, () => {
  let database: Database;
  let admin: pg.Client;

  before(async () => {
    database = await postgres.open();
    const catalogue = createCatalogue({ db: database.prisma, validator: { validate: validateDocument } });
    await catalogue.register(await readExample('greenhouse-sensors.yaml'));
    const url = new URL(process.env.TEST_DATABASE_URL ?? '');
    port = Number(url.port || 5432);
    admin = new pg.Client({ connectionString: url.toString() });
    await admin.connect();
    serveRoutes(database, broker);
  });

  after(async () => {
    await admin.end();
    await database.close();
  });

  const databaseName = async (): Promise<string> =>
    ((await database.prisma.$queryRaw<{ name: string }[]>`SELECT current_database() AS name`)[0]?.name ?? '').toString();

  test('answers as usual while the database is up', async () => {
    const response = await listDocuments(at('/api/documents'));
    assert.equal(response.status, 200);
    assert.equal((await getHealth()).status, 200);
  });

  test('a connection terminated mid-query is a 503 with a JSON error', async () => {
    const name = await databaseName();
    // A lock held by another session keeps the route's query running until its backend is terminated.
    const locker = new pg.Client({ connectionString: new URL(`/${name}`, process.env.TEST_DATABASE_URL).toString() });
    await locker.connect();
    try {
      await locker.query('BEGIN; LOCK TABLE document_version IN ACCESS EXCLUSIVE MODE');
      const answer = quietly(() => listDocuments(at('/api/documents')));
      await waitUntil(async () => (await waitingBackends(name)).length > 0, 'the route waiting on the lock');
      await admin.query('SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE pid = ANY($1)', [await waitingBackends(name)]);
      await assertUnavailable('GET /api/documents', await answer);
    } finally {
      await locker.end();
    }
  });

  test('with the database gone, every catalogue route is a 503 and health names no driver text', async () => {
    await admin.query(`DROP DATABASE ${await databaseName()} WITH (FORCE)`);
    for (const [name, route] of CATALOGUE_ROUTES) await assertUnavailable(name, await quietly(route));
    await assertHealthDown();
  });

  async function waitingBackends(name: string): Promise<number[]> {
    const { rows } = await admin.query<{ pid: number }>(
      "SELECT pid FROM pg_stat_activity WHERE datname = $1 AND wait_event_type = 'Lock'",
      [name],
    );
    return rows.map((row) => row.pid);
  }
});

describe('a PostgreSQL server that refuses connections', () => {
  let database: Database;

  before(async () => {
    port = await freePort();
    database = await openDatabase({ url: `postgresql://postgres@127.0.0.1:${port}/catalogue` });
    serveRoutes(database, broker);
  });

  after(() => database.close());

  test('every catalogue route is a 503 with a JSON error', async () => {
    for (const [name, route] of CATALOGUE_ROUTES) await assertUnavailable(name, await quietly(route));
  });

  test('health reports the database down without the host, the port or the driver text', assertHealthDown);

  test('a page fails with the digest app/error.tsx shows as "The catalogue is unavailable"', async () => {
    const outage = (error: unknown): boolean =>
      error instanceof Error &&
      error.name === 'DatabaseUnavailableError' &&
      'digest' in error &&
      error.digest === CATALOGUE_UNAVAILABLE_DIGEST;
    await assert.rejects(
      quietly(() => ChannelsPage({ searchParams: Promise.resolve({}) })),
      outage,
    );
    await assert.rejects(services().catalogue.getDocument(SLUG), outage);
  });
});

describe('a PostgreSQL server that never answers', () => {
  test('a server that accepts but never answers: a 503 once the connect timeout passes', async () => {
    const silent = await silentServer();
    port = silent.port;
    const database = await openDatabase({ url: `postgresql://postgres@127.0.0.1:${port}/catalogue`, connectTimeoutMs: 300 });
    try {
      serveRoutes(database, broker);
      await assertUnavailable('GET /api/documents', await quietly(() => listDocuments(at('/api/documents'))));
      await assertHealthDown();
    } finally {
      await database.close();
      await silent.close();
    }
  });
});

test('a closed PGlite database: the catalogue routes are a 503', async () => {
  const database = await openDatabase({ pgliteDir: 'memory://' });
  await database.migrate();
  await database.close();
  serveRoutes(database, broker);
  port = 0;
  for (const [name, route] of CATALOGUE_ROUTES) await assertUnavailable(name, await quietly(route));
});

/** A TCP server that takes connections and never says a word, like a host behind a firewall that drops packets. */
async function silentServer(): Promise<{ port: number; close(): Promise<void> }> {
  const sockets = new Set<Socket>();
  const server: Server = createServer((socket) => sockets.add(socket));
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const address = server.address();
  return {
    port: typeof address === 'object' && address ? address.port : 0,
    close: async () => {
      for (const socket of sockets) socket.destroy();
      server.close();
      await once(server, 'close');
    },
  };
}
