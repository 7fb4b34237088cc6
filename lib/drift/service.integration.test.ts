import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, describe, test } from 'node:test';
import type { Redis } from 'ioredis';
import { validateDocument } from '../../asyncapi/validate.ts';
import { openDatabase, type Database } from '../../prisma/db.ts';
import { useRedis, type TestRedis } from '../../testing/redis.ts';
import { dropTraffic, startCountingInstance, type CountingInstance } from '../../testing/traffic.ts';
import { waitUntil } from '../../testing/wait.ts';
import { createCatalogue, type Catalogue } from '../catalogue.ts';
import { trafficKeys, type TrafficKeys } from '../traffic/keys.ts';
import { draftForChannel, currentDrift } from './service.ts';
import { subscriberCounter } from './subscribers.ts';

const documentFor = (p: string) => `asyncapi: 3.0.0
info: { title: Drift Service, version: 1.0.0 }
channels:
  busy: { address: '${p}busy', messages: { Ping: { payload: { type: object } } } }
  quiet: { address: '${p}quiet', messages: { Ping: { payload: { type: object } } } }
`;

describe('drift of the running portal, from the counts in Redis', () => {
  let redis: TestRedis;
  let client: Redis;
  let database: Database;
  let catalogue: Catalogue;
  let keys: TrafficKeys;
  let instance: CountingInstance;
  let p: string;

  before(async () => {
    redis = await useRedis();
    client = redis.connect();
    p = redis.prefix;
    database = await openDatabase({ pgliteDir: 'memory://' });
    await database.migrate();
    catalogue = createCatalogue({ db: database.prisma, validator: { validate: validateDocument } });
    await catalogue.register(documentFor(p));
    keys = trafficKeys(randomUUID());
    instance = await startCountingInstance({
      target: { kind: 'server', url: redis.url },
      catalogue,
      keys,
      name: `${p}drift`,
      observePattern: `${p}*`,
      flushMs: 20,
    });
    await waitUntil(() => instance.monitor.counting(), 'the instance to count');
    await client.publish(`${p}busy`, '{}');
    await client.publish(`${p}orders.refunded`, '{"orderId":"o-1"}');
    await waitUntil(async () => (await instance.monitor.snapshot()).undocumented.length === 1, 'the counts in Redis');
  });
  after(async () => {
    await instance?.stop();
    await dropTraffic(client, keys);
    await database?.close();
    await redis?.stop();
  });

  const sources = () => ({ traffic: instance.monitor, catalogue, broker: { subscriberCounts: subscriberCounter(client) } });

  test('a channel is silent when its last message in Redis is older than the window', async () => {
    const hour = await currentDrift(sources(), 3_600_000);
    assert.deepEqual(
      hour.silent.map((c) => c.channelKey),
      ['quiet'],
    );
    assert.deepEqual(
      hour.undocumented.map((u) => u.channel),
      [`${p}orders.refunded`],
    );
    await new Promise((resolve) => setTimeout(resolve, 20));
    const now = await currentDrift(sources(), 10);
    assert.deepEqual(
      now.silent.map((c) => c.channelKey),
      ['quiet', 'busy'],
    );
  });

  test('a draft is made from the latest payload in Redis, and none for a channel never seen', async () => {
    const draft = await draftForChannel(instance.monitor, `${p}orders.refunded`);
    assert.match(draft ?? '', /"orderId"/);
    assert.equal(await draftForChannel(instance.monitor, `${p}never`), null);
  });
});
