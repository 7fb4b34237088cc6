import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { once } from 'node:events';
import { after, before, describe, test } from 'node:test';
import { startRedisCluster, type RunningRedisCluster } from '../../testing/redis-cluster.ts';
import { useRedis, type TestRedis } from '../../testing/redis.ts';
import { dropTraffic, startCountingInstance, type CountingInstance } from '../../testing/traffic.ts';
import { waitUntil } from '../../testing/wait.ts';
import { connectBroker, type BrokerConnection } from '../broker/redis.ts';
import type { BrokerTarget } from '../broker/target.ts';
import type { CatalogueSource } from '../conformance/monitor.ts';
import { UNDOCUMENTED } from '../conformance/result.ts';
import { appendHistory } from './history-append.ts';
import { historyEntry, historyMatcher, type HistoryBounds, type HistoryEntry } from './history-entry.ts';
import { readHistory } from './history-read.ts';
import { trafficKeys, type TrafficKeys } from './keys.ts';

const TOKEN = 'history-test#1';
const NO_CATALOGUE: CatalogueSource = { indexedChannels: () => Promise.resolve([]), onChange: () => () => {} };
const entry = (channel: string, payload: string, at = Date.now()): HistoryEntry =>
  historyEntry({ conformance: UNDOCUMENTED, match: null }, channel, Buffer.from(payload), at, 16 * 1024);
const everything = historyMatcher({});

describe('the history stream on one Redis server', () => {
  let redis: TestRedis;
  let client: ReturnType<TestRedis['connect']>;
  let keys: TrafficKeys;
  let sent = 0;
  const append = (entries: HistoryEntry[], bounds: Pick<HistoryBounds, 'maxBytes' | 'maxAgeMs'>, token = TOKEN) =>
    appendHistory(client, keys, { token, id: ++sent, entries, bounds });
  /** Each entry's counted size, oldest first, and what the bytes key says. */
  async function stored(): Promise<{ sizes: number[]; channels: string[]; bytes: number }> {
    const entries = await client.xrange(keys.history, '-', '+');
    const field = (fields: string[], name: string) => fields[fields.indexOf(name) + 1]!;
    return {
      sizes: entries.map(([, fields]) => Number(field(fields, 'b'))),
      channels: entries.map(([, fields]) => field(fields, 'c')),
      bytes: Number(await client.get(keys.historyBytes)),
    };
  }

  before(async () => {
    redis = await useRedis();
    client = redis.connect();
  });
  test.beforeEach(async () => {
    keys = trafficKeys(`history-${randomBytes(4).toString('hex')}`);
    await client.set(keys.lease, TOKEN);
  });
  test.afterEach(() => dropTraffic(client, keys));
  after(() => redis.stop());

  test('it holds at most its bytes: the oldest entries go first, and the count stays the sum of what is kept', async () => {
    const bounds = { maxBytes: 20_000, maxAgeMs: 60_000 };
    for (let batch = 0; batch < 5; batch++) {
      const entries = Array.from({ length: 20 }, (_, i) => entry(`h.${batch * 20 + i}`, 'x'.repeat(500)));
      assert.equal(await append(entries, bounds), 'applied');
      const { sizes, bytes } = await stored();
      assert.equal(
        bytes,
        sizes.reduce((sum, size) => sum + size, 0),
        'the bytes key is the sum of the kept entries',
      );
      assert.ok(bytes <= bounds.maxBytes, `${bytes} bytes kept, at most ${bounds.maxBytes}`);
    }
    const { channels, sizes } = await stored();
    assert.ok(channels.length >= 20 && channels.length < 100, `${channels.length} kept`);
    assert.deepEqual(
      channels,
      Array.from({ length: channels.length }, (_, i) => `h.${100 - channels.length + i}`),
      'the newest are kept, in order',
    );
    assert.ok(sizes.every((size) => size > 500));
  });

  test('it holds nothing older than its age: an append trims the older entries, reads leave them out, a quiet stream expires', async () => {
    const age = { maxBytes: 1_000_000, maxAgeMs: 300 };
    await append(
      Array.from({ length: 10 }, (_, i) => entry(`old.${i}`, '{}')),
      { ...age, maxAgeMs: 60_000 },
    );
    await new Promise((resolve) => setTimeout(resolve, 400));
    assert.equal(await client.xlen(keys.history), 10);
    assert.deepEqual(
      await readHistory(client, keys, { matches: everything, limit: 100, maxAgeMs: age.maxAgeMs }),
      [],
      'reads leave them out',
    );
    await append([entry('new', '{}')], age);
    assert.deepEqual((await stored()).channels, ['new'], 'the append trimmed them');
    assert.equal((await readHistory(client, keys, { matches: everything, limit: 100, maxAgeMs: age.maxAgeMs })).length, 1);
    await new Promise((resolve) => setTimeout(resolve, 400));
    assert.equal(await client.exists(keys.history, keys.historyBytes, keys.historyBatch), 0, 'nothing is left of a quiet stream');
  });

  test('an instance that lost the lease appends nothing, and a batch sent again is appended once', async () => {
    const bounds = { maxBytes: 1_000_000, maxAgeMs: 60_000 };
    assert.equal(await append([entry('a', '1')], bounds, 'other#2'), 'fenced');
    assert.equal(await client.xlen(keys.history), 0);
    assert.equal(await appendHistory(client, keys, { token: TOKEN, id: 1, entries: [entry('a', '1')], bounds }), 'applied');
    assert.equal(await appendHistory(client, keys, { token: TOKEN, id: 1, entries: [entry('a', '1')], bounds }), 'duplicate');
    assert.equal(await client.xlen(keys.history), 1);
  });

  test('a read looks at a bounded number of entries, newest first, however few match', async () => {
    const bounds = { maxBytes: 10_000_000, maxAgeMs: 60_000 };
    await append([entry('rare', 'first')], bounds);
    await append(
      Array.from({ length: 600 }, (_, i) => entry(`common.${i}`, '{}')),
      bounds,
    );
    const rare = historyMatcher({ patterns: ['rare'] });
    assert.equal((await readHistory(client, keys, { matches: rare, limit: 10, maxAgeMs: 60_000, scanLimit: 500 })).length, 0);
    assert.deepEqual(
      (await readHistory(client, keys, { matches: rare, limit: 10, maxAgeMs: 60_000, scanLimit: 601 })).map((m) => m.payload),
      ['first'],
    );
    const newest = await readHistory(client, keys, { matches: everything, limit: 3, maxAgeMs: 60_000 });
    assert.deepEqual(
      newest.map((m) => m.channel),
      ['common.599', 'common.598', 'common.597'],
    );
  });

  test('an answer holds at most its bytes of payloads, newest first, and always the newest match', async () => {
    const bounds = { maxBytes: 10_000_000, maxAgeMs: 60_000 };
    await append(
      Array.from({ length: 40 }, (_, i) => entry(`big.${i}`, 'y'.repeat(10_000))),
      bounds,
    );
    for (const entryBytes of [16 * 1024, 1024 * 1024]) {
      const answer = await readHistory(client, keys, { matches: everything, limit: 40, maxAgeMs: 60_000, entryBytes, maxBytes: 55_000 });
      assert.deepEqual(
        answer.map((m) => m.channel),
        ['big.39', 'big.38', 'big.37', 'big.36', 'big.35'],
        `entries of up to ${entryBytes} bytes`,
      );
    }
    assert.equal((await readHistory(client, keys, { matches: everything, limit: 40, maxAgeMs: 60_000, maxBytes: 1 })).length, 1);
  });
});

/** Two instances on one Redis (a server or a cluster): the history holds each message once, and both read it. */
function storesOnce(name: string, setup: () => Promise<{ target: BrokerTarget; prefix: string; stop(): Promise<void> }>): void {
  describe(`recent traffic kept once by two instances on ${name}`, () => {
    let redis: { target: BrokerTarget; prefix: string; stop(): Promise<void> };
    let publisher: BrokerConnection;
    let keys: TrafficKeys;
    const instances: CountingInstance[] = [];

    before(async () => {
      redis = await setup();
      keys = trafficKeys(`history-once-${randomBytes(4).toString('hex')}`);
      publisher = connectBroker(redis.target, { connectionName: 'history-once-publisher' });
      await once(publisher.redis, 'ready');
      for (const instance of ['a', 'b']) {
        instances.push(
          await startCountingInstance({
            target: redis.target,
            catalogue: NO_CATALOGUE,
            keys,
            name: `${redis.prefix}history-${instance}`,
            observePattern: `${redis.prefix}*`,
            leaseMs: 1_500,
            flushMs: 50,
          }),
        );
      }
    });
    after(async () => {
      for (const instance of instances) await instance.stop();
      await publisher?.redis.del(keys.history, keys.historyBytes, keys.historyBatch);
      await publisher?.close();
      await redis?.stop();
    });

    test('each message is stored once, and either instance reads all of them', async () => {
      await waitUntil(() => instances.some((i) => i.monitor.counting()), 'an instance to count', 6_000);
      for (let i = 0; i < 30; i++) await publisher.redis.publish(`${redis.prefix}once.${i}`, `{"n":${i}}`);
      await waitUntil(async () => (await publisher.redis.xlen(keys.history)) >= 30, '30 entries in the history');
      await new Promise((resolve) => setTimeout(resolve, 300));
      assert.equal(await publisher.redis.xlen(keys.history), 30, 'no second copy');
      const expected = Array.from({ length: 30 }, (_, i) => `${redis.prefix}once.${29 - i}`);
      for (const instance of instances) {
        const recent = await instance.monitor.recent({ patterns: [`${redis.prefix}once.*`] }, 100);
        // A cluster passes messages between its nodes: they reach a subscriber in an order of their own.
        assert.deepEqual(recent.map((m) => m.channel).sort(), [...expected].sort(), `${instance.name} reads every message once`);
        if (name === 'one Redis server')
          assert.deepEqual(
            recent.map((m) => m.channel),
            expected,
            'newest first',
          );
        assert.equal(recent[0]?.conformance?.status, 'undocumented');
      }
    });
  });
}

storesOnce('one Redis server', async () => {
  const server = await useRedis();
  return { target: { kind: 'server', url: server.url }, prefix: server.prefix, stop: () => server.stop() };
});

storesOnce('a Redis Cluster', async () => {
  const cluster: RunningRedisCluster = await startRedisCluster();
  return { target: cluster.target(), prefix: 'cluster.', stop: () => cluster.stop() };
});
