import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { Redis } from 'ioredis';
import { useRedis, type TestRedis } from '../../testing/redis.ts';
import { startLiveServer, type LiveTestServer, type TailClient } from '../../testing/live.ts';
import { startRedis, type RunningService } from '../../testing/services.ts';
import { waitUntil } from '../../testing/wait.ts';
import { connectSubscriber, type SubscriberConnection } from '../broker/redis.ts';
import type { TailAck, TailMessage } from './events.ts';

interface Received {
  messages: TailMessage[];
  dropped: number;
}

const QUEUE = { capacity: 50, batchSize: 20, flushIntervalMs: 5, maxInFlight: 1 };

/** Subscribes a new client of `live` to `patterns` and waits until the subscriber holds a PSUBSCRIBE. */
async function tail(
  live: LiveTestServer,
  patterns: string[],
  { numpat, subscriber, autoAck = true }: { numpat: () => Promise<number>; subscriber: SubscriberConnection; autoAck?: boolean },
): Promise<{ client: TailClient; received: Received }> {
  const client = live.connect();
  const received: Received = { messages: [], dropped: 0 };
  client.on('tail:batch', (batch, ack) => {
    received.messages.push(...batch.messages);
    received.dropped += batch.dropped;
    if (autoAck) ack();
  });
  const result = await client.emitWithAck('tail:subscribe', { patterns });
  assert.deepEqual(result, { ok: true, patterns });
  await waitUntil(
    async () => (await numpat()) >= 1,
    `PSUBSCRIBE (subscriber ${subscriber.state()}, ${subscriber.lastError() ?? 'no error'})`,
    10_000,
  );
  return { client, received };
}

describe('live bridge: Redis PSUBSCRIBE to Socket.IO', () => {
  let redis: TestRedis;
  let p: string;
  let subscriber: SubscriberConnection;
  let publisher: Redis;
  let live: LiveTestServer;

  before(async () => {
    redis = await useRedis();
    p = redis.prefix;
    subscriber = connectSubscriber(redis.url, { connectionName: `${p}subscriber` });
    publisher = redis.connect();
    live = await startLiveServer({ subscriber: subscriber.redis, queueOptions: QUEUE });
  });

  after(async () => {
    await live.stop();
    await subscriber.close();
    await redis.stop();
  });

  /** The bridge's PSUBSCRIBEs: its subscriber connection's pattern count, blind to other clients of the server. */
  const numpat = (): Promise<number> => redis.patternCount(`${p}subscriber`);
  const tailOf = (patterns: string[], options: { autoAck?: boolean } = {}) => tail(live, patterns, { numpat, subscriber, ...options });

  test('each client gets exactly the channels its patterns match, once even when two match', async () => {
    const orders = await tailOf([`${p}orders.*`]);
    const both = await tailOf([`${p}orders.*`, `${p}*.created`]);
    await waitUntil(async () => (await numpat()) === 2, 'two distinct patterns');
    await publisher.publish(`${p}orders.created`, '{"id":1}');
    await publisher.publish(`${p}payments.created`, 'paid');
    await publisher.publish(`${p}orders.shipped`, 'shipped');
    await waitUntil(() => both.received.messages.length >= 3 && orders.received.messages.length >= 2, 'deliveries');
    await new Promise((r) => setTimeout(r, 50));
    assert.deepEqual(
      orders.received.messages.map((m) => m.channel),
      [`${p}orders.created`, `${p}orders.shipped`],
    );
    assert.deepEqual(
      both.received.messages.map((m) => m.channel),
      [`${p}orders.created`, `${p}payments.created`, `${p}orders.shipped`],
    );
    const first = orders.received.messages[0]!;
    assert.equal(first.payload, '{"id":1}');
    assert.equal(first.pattern, `${p}orders.*`);
    assert.equal(first.size, 8);
    assert.equal(first.truncated, false);
    orders.client.disconnect();
    both.client.disconnect();
    await waitUntil(async () => (await numpat()) === 0, 'PUNSUBSCRIBE after the last client left');
  });

  test('a pattern shared by two clients is subscribed once and kept until the last one leaves', async () => {
    const a = await tailOf([`${p}shared.*`]);
    const b = await tailOf([`${p}shared.*`]);
    assert.equal(live.bridge.subscriptions.snapshot().get(`${p}shared.*`), 2);
    assert.equal(await numpat(), 1);
    const ack: TailAck = await a.client.emitWithAck('tail:unsubscribe', { patterns: [`${p}shared.*`] });
    assert.deepEqual(ack, { ok: true, patterns: [] });
    assert.equal(await numpat(), 1, 'still subscribed for b');
    await publisher.publish(`${p}shared.x`, 'still flowing');
    await waitUntil(() => b.received.messages.length === 1, 'b still receives');
    b.client.disconnect();
    await waitUntil(async () => (await numpat()) === 0, 'PUNSUBSCRIBE');
    assert.equal(a.received.messages.length, 0);
  });

  test('a shard channel followed by SSUBSCRIBE brings what SPUBLISH sends there, which no pattern receives', async () => {
    const shardNumsub = async (channel: string): Promise<number> => {
      const reply = (await publisher.call('PUBSUB', 'SHARDNUMSUB', channel)) as [string, number];
      return Number(reply[1]);
    };
    const channel = `${p}sharded.orders`;
    const byPattern = await tailOf([`${p}sharded.*`]);
    const byShard = live.connect();
    const received: TailMessage[] = [];
    byShard.on('tail:batch', (batch, ack) => (received.push(...batch.messages), ack()));
    assert.deepEqual(await byShard.emitWithAck('tail:ssubscribe', { channels: [channel] }), { ok: true, channels: [channel] });
    await waitUntil(async () => (await shardNumsub(channel)) === 1, 'the SSUBSCRIBE');
    await publisher.call('SPUBLISH', channel, '{"id":7}');
    await publisher.call('SPUBLISH', `${p}sharded.other`, 'not followed');
    await publisher.publish(channel, 'a classic publish');
    await waitUntil(() => received.length >= 1 && byPattern.received.messages.length >= 1, 'deliveries');
    await new Promise((r) => setTimeout(r, 50));
    assert.deepEqual(
      received.map((m) => ({ channel: m.channel, pattern: m.pattern, payload: m.payload, sharded: m.sharded })),
      [{ channel, pattern: channel, payload: '{"id":7}', sharded: true }],
    );
    assert.deepEqual(
      byPattern.received.messages.map((m) => m.payload),
      ['a classic publish'],
      'the pattern follower gets the PUBLISH only',
    );
    assert.deepEqual(await byShard.emitWithAck('tail:sunsubscribe', { channels: [channel] }), { ok: true, channels: [] });
    await waitUntil(async () => (await shardNumsub(channel)) === 0, 'the SUNSUBSCRIBE after the last follower left');
    // SUNSUBSCRIBE's reply counts shard channels only: on the pattern connection, ioredis would leave subscriber mode.
    await publisher.publish(`${p}sharded.after`, 'patterns still flow');
    await waitUntil(
      () => byPattern.received.messages.some((m) => m.payload === 'patterns still flow'),
      'pattern traffic after the SUNSUBSCRIBE',
    );
    byPattern.client.disconnect();
    byShard.disconnect();
  });

  test('a shard channel Redis will not SSUBSCRIBE is refused in the answer, not shown as followed', async () => {
    const unreachable = new Redis({ port: 1, enableOfflineQueue: false, lazyConnect: true, retryStrategy: () => null });
    const cut = await startLiveServer({
      subscriber: subscriber.redis,
      queueOptions: QUEUE,
      openShards: () => ({ client: unreachable, close: () => unreachable.disconnect() }),
    });
    try {
      const client = cut.connect();
      const answer = await client.emitWithAck('tail:ssubscribe', { channels: [`${p}nowhere`] });
      assert.equal(answer.ok, false);
      assert.match(answer.ok ? '' : answer.error, /Redis refused to follow .*nowhere.* \(SSUBSCRIBE\)/);
      assert.deepEqual(await client.emitWithAck('tail:sunsubscribe', { channels: [`${p}nowhere`] }), { ok: true, channels: [] });
    } finally {
      await cut.stop();
    }
  });

  test('refuses a shard channel that is empty, has control characters or is one of the portal’s own', async () => {
    const client = live.connect();
    for (const [channels, error] of [
      [[], /non-empty list/],
      [[''], /non-empty string/],
      [['orders\ncreated'], /control characters/],
      [['event-portal:io#/#'], /portal's own/],
    ] as const) {
      const result = await client.emitWithAck('tail:ssubscribe', { channels: [...channels] });
      assert.equal(result.ok, false);
      assert.match(result.ok ? '' : result.error, error);
    }
    client.disconnect();
  });

  test('refuses an invalid pattern with a clear error', async () => {
    const client = live.connect();
    const result = await client.emitWithAck('tail:subscribe', { patterns: [''] });
    assert.equal(result.ok, false);
    assert.match(result.ok ? '' : result.error, /non-empty/);
    client.disconnect();
  });

  test('a client that stops acknowledging loses the oldest messages and is told how many', async () => {
    const withheld: (() => void)[] = [];
    let stalled = true;
    const slow = await tailOf([`${p}flood`], { autoAck: false });
    slow.client.off('tail:batch');
    slow.client.on('tail:batch', (batch, ack) => {
      slow.received.messages.push(...batch.messages);
      slow.received.dropped += batch.dropped;
      if (stalled) withheld.push(ack);
      else ack();
    });
    const pipeline = publisher.pipeline();
    for (let i = 0; i < 500; i++) pipeline.publish(`${p}flood`, String(i));
    await pipeline.exec();
    await waitUntil(() => slow.received.messages.length === 20, 'the first batch');
    await new Promise((r) => setTimeout(r, 150));
    assert.equal(slow.received.messages.length, 20, 'nothing more is sent until the client acknowledges');
    stalled = false;
    withheld.forEach((ack) => ack());
    await waitUntil(() => slow.received.messages.length === 70, 'the newest 50 (the queue capacity)');
    assert.equal(slow.received.dropped, 430);
    const payloads = slow.received.messages.map((m) => Number(m.payload));
    assert.deepEqual(payloads.slice(0, 20), [...Array(20).keys()]);
    assert.deepEqual(
      payloads.slice(20),
      Array.from({ length: 50 }, (_, i) => 450 + i),
    );
    slow.client.disconnect();
  });
});

describe('live bridge across a Redis restart', () => {
  // This test stops its Redis, so it runs its own instead of the shared one.
  let redis: RunningService & { port: number };
  let subscriber: SubscriberConnection;
  let publisher: Redis;
  let live: LiveTestServer;

  before(async () => {
    redis = await startRedis();
    subscriber = connectSubscriber(redis.url, { connectionName: 'test-subscriber' });
    publisher = new Redis(redis.url);
    live = await startLiveServer({ subscriber: subscriber.redis, queueOptions: QUEUE });
  });

  after(async () => {
    await live.stop();
    publisher.disconnect();
    await subscriber.close();
    await redis.stop();
  });

  const numpat = async (): Promise<number> => Number(await publisher.pubsub('NUMPAT'));

  test('recovers its subscriptions after Redis restarts', async () => {
    const restarted = await tail(live, ['restart.*'], { numpat, subscriber });
    await redis.stop();
    await waitUntil(() => subscriber.state() === 'unreachable', 'the outage to be noticed');
    redis = await startRedis(redis.port);
    await waitUntil(() => subscriber.state() === 'ready', 'reconnect', 10_000);
    publisher.disconnect();
    publisher = new Redis(redis.url);
    await waitUntil(async () => (await numpat()) === 1, 're-subscribe', 10_000);
    await publisher.publish('restart.done', 'back');
    await waitUntil(() => restarted.received.messages.some((m) => m.payload === 'back'), 'a message after the restart');
    restarted.client.disconnect();
  });
});
