import assert from 'node:assert/strict';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, describe, test } from 'node:test';
import { Redis } from 'ioredis';
import { Server } from 'socket.io';
import { io as connectClient, type Socket as ClientSocket } from 'socket.io-client';
import { startRedis, type RunningService } from '../../scripts/testing/services.ts';
import { connectBroker, type BrokerConnection } from '../broker/redis.ts';
import { startLiveBridge, type LiveBridge } from './bridge.ts';
import type { ClientToServerEvents, ServerToClientEvents, TailAck, TailMessage } from './events.ts';
import type { LiveServer } from './hub.ts';

type TailClient = ClientSocket<ServerToClientEvents, ClientToServerEvents>;

interface Received {
  messages: TailMessage[];
  dropped: number;
}

const waitUntil = async (check: () => boolean | Promise<boolean>, what: string, ms = 5_000): Promise<void> => {
  const deadline = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
};

describe('live bridge: Redis PSUBSCRIBE to Socket.IO', () => {
  let redis: RunningService & { port: number };
  let subscriber: BrokerConnection;
  let publisher: Redis;
  let io: LiveServer;
  let bridge: LiveBridge;
  let url: string;
  const clients: TailClient[] = [];

  before(async () => {
    redis = await startRedis();
    subscriber = connectBroker(redis.url, { connectionName: 'test-subscriber', queueWhileDown: true });
    publisher = new Redis(redis.url);
    const http = createServer();
    io = new Server(http);
    bridge = startLiveBridge({
      io,
      subscriber: subscriber.redis,
      queueOptions: { capacity: 50, batchSize: 20, flushIntervalMs: 5, maxInFlight: 1 },
    });
    await new Promise<void>((r) => http.listen(0, '127.0.0.1', r));
    url = `http://127.0.0.1:${(http.address() as AddressInfo).port}`;
  });

  after(async () => {
    for (const c of clients) c.disconnect();
    await io.close();
    publisher.disconnect();
    await subscriber.close();
    await redis.stop();
  });

  async function tail(patterns: string[], { autoAck = true } = {}): Promise<{ client: TailClient; received: Received }> {
    const client: TailClient = connectClient(url, { transports: ['websocket'] });
    clients.push(client);
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

  const numpat = async (): Promise<number> => Number(await publisher.pubsub('NUMPAT'));

  test('each client gets exactly the channels its patterns match, once even when two match', async () => {
    const orders = await tail(['orders.*']);
    const both = await tail(['orders.*', '*.created']);
    await waitUntil(async () => (await numpat()) === 2, 'two distinct patterns');
    await publisher.publish('orders.created', '{"id":1}');
    await publisher.publish('payments.created', 'paid');
    await publisher.publish('orders.shipped', 'shipped');
    await waitUntil(() => both.received.messages.length >= 3 && orders.received.messages.length >= 2, 'deliveries');
    await new Promise((r) => setTimeout(r, 50));
    assert.deepEqual(
      orders.received.messages.map((m) => m.channel),
      ['orders.created', 'orders.shipped'],
    );
    assert.deepEqual(
      both.received.messages.map((m) => m.channel),
      ['orders.created', 'payments.created', 'orders.shipped'],
    );
    const first = orders.received.messages[0]!;
    assert.equal(first.payload, '{"id":1}');
    assert.equal(first.pattern, 'orders.*');
    assert.equal(first.size, 8);
    assert.equal(first.truncated, false);
    orders.client.disconnect();
    both.client.disconnect();
    await waitUntil(async () => (await numpat()) === 0, 'PUNSUBSCRIBE after the last client left');
  });

  test('a pattern shared by two clients is subscribed once and kept until the last one leaves', async () => {
    const a = await tail(['shared.*']);
    const b = await tail(['shared.*']);
    assert.equal(bridge.subscriptions.snapshot().get('shared.*'), 2);
    assert.equal(await numpat(), 1);
    const ack: TailAck = await a.client.emitWithAck('tail:unsubscribe', { patterns: ['shared.*'] });
    assert.deepEqual(ack, { ok: true, patterns: [] });
    assert.equal(await numpat(), 1, 'still subscribed for b');
    await publisher.publish('shared.x', 'still flowing');
    await waitUntil(() => b.received.messages.length === 1, 'b still receives');
    b.client.disconnect();
    await waitUntil(async () => (await numpat()) === 0, 'PUNSUBSCRIBE');
    assert.equal(a.received.messages.length, 0);
  });

  test('refuses an invalid pattern with a clear error', async () => {
    const client: TailClient = connectClient(url, { transports: ['websocket'] });
    clients.push(client);
    const result = await client.emitWithAck('tail:subscribe', { patterns: [''] });
    assert.equal(result.ok, false);
    assert.match(result.ok ? '' : result.error, /non-empty/);
    client.disconnect();
  });

  test('a client that stops acknowledging loses the oldest messages and is told how many', async () => {
    const withheld: (() => void)[] = [];
    let stalled = true;
    const slow = await tail(['flood'], { autoAck: false });
    slow.client.off('tail:batch');
    slow.client.on('tail:batch', (batch, ack) => {
      slow.received.messages.push(...batch.messages);
      slow.received.dropped += batch.dropped;
      if (stalled) withheld.push(ack);
      else ack();
    });
    const pipeline = publisher.pipeline();
    for (let i = 0; i < 500; i++) pipeline.publish('flood', String(i));
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

  test('recovers its subscriptions after Redis restarts', async () => {
    const live = await tail(['restart.*']);
    await redis.stop();
    await waitUntil(() => subscriber.state() === 'unreachable', 'the outage to be noticed');
    redis = await startRedis(redis.port);
    await waitUntil(() => subscriber.state() === 'ready', 'reconnect', 10_000);
    publisher.disconnect();
    publisher = new Redis(redis.url);
    await waitUntil(async () => (await numpat()) === 1, 're-subscribe', 10_000);
    await publisher.publish('restart.done', 'back');
    await waitUntil(() => live.received.messages.some((m) => m.payload === 'back'), 'a message after the restart');
    live.client.disconnect();
  });
});
