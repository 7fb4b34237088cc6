import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, afterEach, before, describe, test } from 'node:test';
import type { Redis } from 'ioredis';
import { indexedExample } from '../../testing/indexed-example.ts';
import { useRedis, type TestRedis } from '../../testing/redis.ts';
import { dropTraffic, trafficContents } from '../../testing/traffic.ts';
import { ConformanceChecker } from '../conformance/checker.ts';
import { TrafficBatch, type UndocumentedBounds } from './batch.ts';
import { flushBatch } from './flush.ts';
import { trafficKeys, TRAFFIC_TTL_MS, type TrafficKeys } from './keys.ts';
import { acquireLease, leaseToken } from './lease.ts';
import { readTraffic } from './reader.ts';
import { forgetDocumented } from './undocumented.ts';

const reading = JSON.stringify({ sensorId: 's-17', temperature: 21.5, measuredAt: '2026-11-23T10:00:00Z' });
const DAY_MS = 86_400_000;
/** Times of messages in these tests: recent, as channels unseen for 30 days are dropped. */
const T = Date.now() - 60_000;

describe('traffic counts in Redis: fenced, idempotent, bounded flushes and one-trip reads', () => {
  let redis: TestRedis;
  let client: Redis;
  let checker: ConformanceChecker;
  let keys: TrafficKeys;
  let token: string;

  before(async () => {
    redis = await useRedis();
    client = redis.connect();
    checker = new ConformanceChecker();
    checker.load([...(await indexedExample('greenhouse-sensors.yaml')), ...(await indexedExample('user-signup-v2.yaml'))]);
  });
  afterEach(() => dropTraffic(client, keys));
  after(() => redis?.stop());

  /** A fresh installation whose lease `token` holds. */
  async function holding(): Promise<void> {
    keys = trafficKeys(randomUUID());
    token = leaseToken('test');
    assert.equal(await acquireLease(client, keys, token, 60_000), true);
  }
  function batchOf(messages: [channel: string, payload: string, at: number][], bounds?: UndocumentedBounds): TrafficBatch {
    const batch = new TrafficBatch(bounds);
    for (const [channel, payload, at] of messages) {
      const buffer = Buffer.from(payload);
      batch.record(checker.inspect(channel, buffer), channel, buffer, at);
    }
    return batch;
  }
  const read = (slug?: string) => readTraffic(client, keys, checker.channels, { slug });
  const counts = async (channelKey: string) => {
    const channel = (await read()).catalogued.find((c) => c.channelKey === channelKey);
    return channel && [channel.messages, channel.violations, channel.lastSeen];
  };

  test('the holder’s flushes add up; a read lists every channel of the index, silent ones at 0', async () => {
    await holding();
    const first = batchOf([
      ['greenhouse/north/sensor/s-1/reading', reading, T + 5_000],
      ['greenhouse/south/sensor/s-2/reading', '{}', T + 3_000],
      ['unknown/a', 'first', T + 4_000],
    ]);
    assert.equal(await flushBatch(client, keys, { token, id: 1, batch: first }), 'applied');
    const second = batchOf([
      ['greenhouse/east/sensor/s-3/reading', '{}', T + 4_500],
      ['unknown/b', 'b', T + 6_000],
      ['unknown/a', 'x'.repeat(10_000), T + 7_000],
    ]);
    assert.equal(await flushBatch(client, keys, { token, id: 2, batch: second }), 'applied');

    assert.deepEqual(await counts('sensorReading'), [3, 2, T + 5_000], 'lastSeen is the latest, whichever batch brought it');
    assert.deepEqual(await counts('zoneAlert'), [0, 0, null], 'silent channels are listed');
    const snapshot = await read();
    assert.equal(snapshot.since, Number(await client.get(keys.since)));
    assert.deepEqual(
      snapshot.undocumented.map((u) => [u.channel, u.messages, u.lastSeen, u.samplePayload.length, u.sampleBytes]),
      [
        ['unknown/a', 2, T + 7_000, 4_096, 10_000],
        ['unknown/b', 1, T + 6_000, 1, 1],
      ],
      'most recently seen first, with the latest sample cut at 4 KB',
    );
    const one = await read('user-accounts');
    assert.deepEqual(
      one.catalogued.map((c) => c.channelKey),
      ['user/{userId}/signedup', 'user/{userId}/deleted'],
    );
    assert.deepEqual(one.undocumented, [], 'one document’s read leaves the undocumented out');
    const hidden = await readTraffic(client, keys, checker.channels, { isDocumented: (channel) => channel === 'unknown/a' });
    assert.deepEqual(
      hidden.undocumented.map((u) => u.channel),
      ['unknown/b'],
      'a channel the reader’s catalogue documents is not listed',
    );
  });

  test('a flush by a former holder, after the lease moved, changes nothing', async () => {
    await holding();
    await flushBatch(client, keys, { token, id: 1, batch: batchOf([['greenhouse/north/sensor/s-1/reading', reading, T + 1_000]]) });
    await client.del(keys.lease);
    const next = leaseToken('other');
    assert.equal(await acquireLease(client, keys, next, 60_000), true);
    const before = await trafficContents(client, keys);
    const late = batchOf([
      ['greenhouse/north/sensor/s-1/reading', reading, T + 9_000],
      ['unknown/late', 'late', T + 9_000],
    ]);
    assert.equal(await flushBatch(client, keys, { token, id: 2, batch: late }), 'fenced');
    assert.deepEqual(await trafficContents(client, keys), before);
    await client.del(keys.lease);
    assert.equal(await flushBatch(client, keys, { token, id: 2, batch: late }), 'fenced', 'nor with no holder at all');
    assert.deepEqual(await counts('sensorReading'), [1, 0, T + 1_000]);
  });

  test('a batch sent again (a retry after a lost reply) counts once; the next number counts', async () => {
    await holding();
    const batch = batchOf([
      ['greenhouse/north/sensor/s-1/reading', reading, T + 1_000],
      ['unknown/a', 'a', T + 1_000],
    ]);
    assert.equal(await flushBatch(client, keys, { token, id: 1, batch }), 'applied');
    assert.equal(await flushBatch(client, keys, { token, id: 1, batch }), 'duplicate');
    assert.deepEqual(await counts('sensorReading'), [1, 0, T + 1_000]);
    assert.equal((await read()).undocumented[0]?.messages, 1);
    assert.equal(await flushBatch(client, keys, { token, id: 2, batch }), 'applied');
    assert.deepEqual(await counts('sensorReading'), [2, 0, T + 1_000]);
    // A new tenure numbers from 1 again: its batch 1 is not the former tenure's.
    await client.del(keys.lease);
    const next = leaseToken('test');
    await acquireLease(client, keys, next, 60_000);
    assert.equal(await flushBatch(client, keys, { token: next, id: 1, batch }), 'applied');
    assert.deepEqual(await counts('sensorReading'), [3, 0, T + 1_000]);
  });

  test('undocumented channels stay within their count and byte bounds, the least recently seen evicted', async () => {
    await holding();
    const bounds = { maxChannels: 3, maxBytes: 1024 * 1024 };
    for (let i = 0; i < 5; i++) {
      const batch = batchOf([[`unknown/${i}`, `p${i}`, T + 1_000 + i]], bounds);
      await flushBatch(client, keys, { token, id: i + 1, batch, bounds });
    }
    assert.deepEqual(
      (await read()).undocumented.map((u) => u.channel),
      ['unknown/4', 'unknown/3', 'unknown/2'],
    );
    assert.equal(await client.hexists(keys.samples, 'm:unknown/0'), 0, 'an evicted channel’s count and sample go too');

    const bytes = { maxChannels: 1_000, maxBytes: 20 * 1024 };
    for (let i = 0; i < 10; i++) {
      const batch = batchOf([[`big/${i}/${'n'.repeat(3_000)}`, 'p'.repeat(4_000), T + 2_000 + i]], bytes);
      await flushBatch(client, keys, { token, id: 10 + i, batch, bounds: bytes });
    }
    const kept = (await read()).undocumented;
    assert.equal(kept.length, 2, 'two 7 KB channels fit in 20 KB');
    assert.match(kept[0]!.channel, /^big\/9\//);
    const held = kept.reduce((sum, u) => sum + Buffer.byteLength(u.channel) + u.samplePayload.length, 0);
    assert.equal(Number(await client.get(keys.undocumentedBytes)), held, 'the byte count matches what is kept');
  });

  test('an undocumented channel not seen for 30 days goes at the next flush', async () => {
    await holding();
    const now = 100 * DAY_MS;
    await flushBatch(client, keys, { token, id: 1, batch: batchOf([['unknown/old', 'o', now - 31 * DAY_MS]]), now });
    await flushBatch(client, keys, { token, id: 2, batch: batchOf([['unknown/new', 'n', now]]), now });
    assert.deepEqual(
      (await read()).undocumented.map((u) => u.channel),
      ['unknown/new'],
    );
  });

  test('every key written expires 30 days after its last write', async () => {
    await holding();
    const batch = batchOf([
      ['greenhouse/north/sensor/s-1/reading', reading, T + 1_000],
      ['unknown/a', 'a', T + 1_000],
    ]);
    await flushBatch(client, keys, { token, id: 1, batch });
    const written = Object.keys(await trafficContents(client, keys)).filter((key) => key !== keys.lease);
    assert.equal(written.length, 6, `since, batch, a channel and 3 undocumented keys: ${written.join(', ')}`);
    for (const key of written) await client.pexpire(key, 1_000);
    await flushBatch(client, keys, { token, id: 2, batch });
    for (const key of written) {
      const ttl = await client.pttl(key);
      assert.ok(ttl > TRAFFIC_TTL_MS - 60_000 && ttl <= TRAFFIC_TTL_MS, `${key} refreshed to 30 days (${ttl} ms)`);
    }
  });

  test('undocumented channels the catalogue now describes are dropped, their bytes with them', async () => {
    await holding();
    await flushBatch(client, keys, {
      token,
      id: 1,
      batch: batchOf([
        ['orders.created', '{"id":1}', T + 1_000],
        ['unknown/a', 'a', T + 2_000],
      ]),
    });
    await forgetDocumented(client, keys, (channel) => channel === 'orders.created');
    assert.deepEqual(
      (await read()).undocumented.map((u) => u.channel),
      ['unknown/a'],
    );
    assert.equal(await client.hexists(keys.samples, 's:orders.created'), 0);
    assert.equal(Number(await client.get(keys.undocumentedBytes)), 'unknown/a'.length + 1);
  });

  test('a server that forgot the scripts (restarted, failed over) is sent them again', async () => {
    await holding();
    await client.script('FLUSH');
    const batch = batchOf([['greenhouse/north/sensor/s-1/reading', reading, T + 1_000]]);
    assert.equal(await flushBatch(client, keys, { token, id: 1, batch }), 'applied');
    await client.script('FLUSH');
    assert.deepEqual(await counts('sensorReading'), [1, 0, T + 1_000]);
  });
});
