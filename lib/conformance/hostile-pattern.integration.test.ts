import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, describe, test } from 'node:test';
import { monitorEventLoopDelay, type IntervalHistogram } from 'node:perf_hooks';
import type { Redis } from 'ioredis';
import { validateDocument } from '../../asyncapi/validate.ts';
import type { Database } from '../../prisma/db.ts';
import { testBackends } from '../../testing/databases.ts';
import { useRedis, type TestRedis } from '../../testing/redis.ts';
import { dropTraffic, startCountingInstance } from '../../testing/traffic.ts';
import { waitUntil } from '../../testing/wait.ts';
import { createCatalogue, type Catalogue } from '../catalogue.ts';
import { PayloadViolationError } from '../errors.ts';
import { createSchemaPublisher } from '../publishing/schema-publisher.ts';
import { trafficKeys } from '../traffic/keys.ts';

// Native RegExp backtracks exponentially on ^(a+)+$: 26 a's and a '!' took seconds per check on the main thread.
const HOSTILE = JSON.stringify({ id: `${'a'.repeat(26)}!` });
const MESSAGES = 5;
const MAX_LAG_MS = 100;

const documentFor = (address: string) => `asyncapi: 3.0.0
info: { title: Hostile Patterns, version: 1.0.0 }
channels:
  ids:
    address: ${address}
    messages:
      Id: { payload: { type: object, properties: { id: { type: string, pattern: '^(a+)+$' } } } }
  codes:
    address: ${address}.codes
    messages:
      Code: { payload: { type: object, properties: { code: { type: string, pattern: '^(?!tmp-)' } } } }
`;

/** The event loop's delay while `run` runs, in milliseconds: p99 and worst. */
async function loopLag(run: () => Promise<void>): Promise<{ p99: number; max: number }> {
  const histogram: IntervalHistogram = monitorEventLoopDelay({ resolution: 5 });
  histogram.enable();
  try {
    await run();
  } finally {
    histogram.disable();
  }
  return { p99: histogram.percentile(99) / 1e6, max: histogram.max / 1e6 };
}

const postgresql = testBackends().find((backend) => backend.name === 'postgresql')!;

describe('a schema pattern that backtracks natively: real Redis and PostgreSQL', { skip: postgresql.skip ?? false }, () => {
  let redis: TestRedis;
  let database: Database;
  let catalogue: Catalogue;
  let publisher: Redis;
  let address: string;
  let slug: string;

  before(async () => {
    redis = await useRedis();
    database = await postgresql.open();
    catalogue = createCatalogue({ db: database.prisma, validator: { validate: validateDocument } });
    address = `${redis.prefix}ids`;
    const registered = await catalogue.register(documentFor(address));
    assert.ok(registered.warnings.some((w) => w.path.endsWith('codes.messages.Code.payload.properties.code.pattern')));
    slug = registered.slug;
    publisher = redis.connect();
  });

  after(async () => {
    await database?.close();
    await redis?.stop();
  });

  test('broker messages flow through the conformance monitor with the event loop responsive', async (t) => {
    const keys = trafficKeys(randomUUID());
    const instance = await startCountingInstance({
      target: { kind: 'server', url: redis.url },
      catalogue,
      keys,
      name: `${redis.prefix}hostile`,
      observePattern: `${redis.prefix}*`,
      flushMs: 20,
    });
    const { monitor } = instance;
    try {
      await waitUntil(async () => (await redis.patternCount(`${redis.prefix}hostile`)) === 1, 'the observer PSUBSCRIBE');
      await waitUntil(() => monitor.counting(), 'the instance to count traffic');
      const ids = async () => (await monitor.snapshot()).catalogued.find((c) => c.channelKey === 'ids');
      // The first message compiles the schema (Ajv generates code), which is not what this measures.
      await publisher.publish(address, HOSTILE);
      await waitUntil(async () => (await ids())?.messages === 1, 'the first message checked');
      const lag = await loopLag(async () => {
        for (let i = 0; i < MESSAGES; i++) await publisher.publish(address, HOSTILE);
        await waitUntil(async () => (await ids())?.messages === 1 + MESSAGES, `${MESSAGES} more messages checked`);
      });
      const counted = await ids();
      assert.deepEqual([counted?.messages, counted?.violations], [1 + MESSAGES, 1 + MESSAGES]);
      const measured = `event loop delay p99 ${lag.p99.toFixed(1)} ms, max ${lag.max.toFixed(1)} ms`;
      t.diagnostic(measured);
      assert.ok(lag.p99 < MAX_LAG_MS, measured);
      const code = monitor.observe(`${address}.codes`, Buffer.from('{"code":"tmp-1"}'), Date.now()).conformance;
      assert.deepEqual(
        code.status === 'unchecked' && code.reason,
        `the payload schema's pattern "^(?!tmp-)" uses a lookahead, which the portal cannot run in linear time`,
      );
    } finally {
      await instance.stop();
      await dropTraffic(publisher, keys);
    }
  });

  test('a schema-checked publish refuses the payload promptly (the 422 of /api/publish) and sends nothing', async () => {
    let sent = 0;
    const schemaPublisher = createSchemaPublisher({
      db: database.prisma,
      publish: () => Promise.resolve({ receivers: ++sent, receiversBesidesPortal: sent }),
    });
    const schema = { slug, version: '1.0.0', channel: 'ids', message: 'Id' };
    const start = performance.now();
    await assert.rejects(schemaPublisher.publish({ topic: address, payload: HOSTILE, schema }), PayloadViolationError);
    const ms = performance.now() - start;
    assert.ok(ms < 1000, `answered in ${ms.toFixed(0)} ms`);
    assert.equal(sent, 0);
  });
});
