import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { after, before, describe, test } from 'node:test';
import type { Redis } from 'ioredis';
import type { TailClient } from '../../testing/live.ts';
import { useRedis, type TestRedis } from '../../testing/redis.ts';
import { dropTraffic, startCountingInstance, type CountingInstance } from '../../testing/traffic.ts';
import { waitUntil } from '../../testing/wait.ts';
import type { CatalogueSource } from '../conformance/monitor.ts';
import { trafficKeys, type TrafficKeys } from '../traffic/keys.ts';
import type { TailBatch } from './events.ts';

const NO_CATALOGUE: CatalogueSource = { indexedChannels: () => Promise.resolve([]), onChange: () => () => {} };

describe('tail:subscribe with history', () => {
  let redis: TestRedis;
  let publisher: Redis;
  let keys: TrafficKeys;
  const instances: CountingInstance[] = [];
  let holder: CountingInstance;
  let other: CountingInstance;

  /** A client of `instance` following `patterns` with `history`, and every batch it receives. */
  async function follow(
    instance: CountingInstance,
    patterns: string[],
    history: number,
  ): Promise<{ client: TailClient; batches: TailBatch[] }> {
    const client = instance.live.connect();
    const batches: TailBatch[] = [];
    client.on('tail:batch', (batch, ack) => (batches.push(batch), ack()));
    assert.deepEqual(await client.emitWithAck('tail:subscribe', { patterns, history }), { ok: true, patterns });
    return { client, batches };
  }
  const payloads = (batches: TailBatch[], history: boolean) =>
    batches.filter((b) => (b.history ?? false) === history).flatMap((b) => b.messages.map((m) => m.payload));

  before(async () => {
    redis = await useRedis();
    publisher = redis.connect();
    keys = trafficKeys(`recall-${randomBytes(4).toString('hex')}`);
    for (const name of ['a', 'b']) {
      instances.push(
        await startCountingInstance({
          target: { kind: 'server', url: redis.url },
          catalogue: NO_CATALOGUE,
          keys,
          name: `${redis.prefix}recall-${name}`,
          observePattern: `${redis.prefix}*`,
          leaseMs: 1_500,
          flushMs: 50,
        }),
      );
    }
    await waitUntil(() => instances.some((i) => i.monitor.counting()), 'an instance to count', 6_000);
    holder = instances.find((i) => i.monitor.counting())!;
    other = instances.find((i) => i !== holder)!;
    for (let i = 0; i < 10; i++) {
      await publisher.publish(`${redis.prefix}orders.${i}`, `order ${i}`);
      if (i % 2 === 0) await publisher.publish(`${redis.prefix}users.${i}`, `user ${i}`);
    }
    await waitUntil(async () => (await publisher.xlen(keys.history)) === 15, 'the 15 messages in the history');
  });
  after(async () => {
    for (const instance of instances) await instance.stop();
    await dropTraffic(publisher, keys);
    await redis.stop();
  });

  for (const which of ['holder', 'other'] as const) {
    test(`the last n matching messages come first, in order, marked history, then live ones (on the ${which})`, async () => {
      const p = redis.prefix;
      const instance = which === 'holder' ? holder : other;
      // The live message goes to a channel of this test's own, so the other test's history leaves it out.
      const { client, batches } = await follow(instance, [`${p}orders.*`, `${p}live-${which}`], 3);
      await waitUntil(() => batches.some((b) => b.history), 'the history batch');
      await publisher.publish(`${p}live-${which}`, `live ${which}`);
      await waitUntil(() => payloads(batches, false).length > 0, 'the live message');
      assert.equal(batches[0]?.history, true, 'history comes before anything live');
      assert.deepEqual(payloads(batches, true), ['order 7', 'order 8', 'order 9']);
      assert.deepEqual(
        batches[0]?.messages.map((m) => [m.channel, m.pattern]),
        [7, 8, 9].map((i) => [`${p}orders.${i}`, `${p}orders.*`]),
      );
      assert.deepEqual(payloads(batches, false), [`live ${which}`]);
      client.disconnect();
    });
  }

  test('messages published while a client subscribes are neither lost nor sent twice (on the holder)', async () => {
    const p = redis.prefix;
    let published = 0;
    const streaming = (async () => {
      for (; published < 200; published++) {
        await publisher.publish(`${p}seam.${published}`, String(published));
        await new Promise((resolve) => setTimeout(resolve, 2));
      }
    })();
    await waitUntil(() => published >= 50, 'the stream to begin');
    const { client, batches } = await follow(holder, [`${p}seam.*`], 1_000);
    await streaming;
    await waitUntil(() => payloads(batches, true).concat(payloads(batches, false)).includes('199'), 'the last message');
    const history = payloads(batches, true).map(Number);
    const live = payloads(batches, false).map(Number);
    assert.ok(history.length >= 50, `${history.length} kept messages first`);
    assert.deepEqual(
      [...history, ...live],
      Array.from({ length: 200 }, (_, i) => i),
      'every message once, in order',
    );
    client.disconnect();
  });

  test('history is bounded and checked', async () => {
    const client = holder.live.connect();
    for (const history of [1_001, -1, 2.5, '10']) {
      const ack = await client.emitWithAck('tail:subscribe', { patterns: [`${redis.prefix}*`], history: history as number });
      assert.equal(ack.ok, false);
      assert.match(!ack.ok ? ack.error : '', /history must be a whole number from 0 to 1000/);
    }
    client.disconnect();
  });
});
