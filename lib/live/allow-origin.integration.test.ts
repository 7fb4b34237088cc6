import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { Redis } from 'ioredis';
import { startLiveServer, type LiveTestServer, type TailClient } from '../../testing/live.ts';
import { useRedis, type TestRedis } from '../../testing/redis.ts';
import { connectSubscriber, type SubscriberConnection } from '../broker/redis.ts';
import { allowSameOrigin } from './allow-origin.ts';

describe('Socket.IO refuses handshakes from other origins', () => {
  let redis: TestRedis;
  let subscriber: SubscriberConnection;
  let publisher: Redis;
  let live: LiveTestServer;
  let url: string;
  let connections = 0;

  before(async () => {
    redis = await useRedis();
    subscriber = connectSubscriber(redis.url, { connectionName: `${redis.prefix}subscriber` });
    publisher = redis.connect();
    live = await startLiveServer({ subscriber: subscriber.redis, allowRequest: allowSameOrigin(['https://portal.example.com']) });
    live.io.on('connection', () => connections++);
    url = live.url;
  });

  after(async () => {
    await live.stop();
    await subscriber.close();
    await redis.stop();
  });

  /** Connects over WebSocket with the given headers; resolves with the connected client or the connection error. */
  function connect(headers: Record<string, string>): Promise<{ client: TailClient; error?: Error }> {
    const client = live.connect({ extraHeaders: headers, reconnection: false });
    return new Promise((resolve) => {
      client.once('connect', () => resolve({ client }));
      client.once('connect_error', (error) => resolve({ client, error }));
    });
  }

  test('a foreign Origin is refused before it can subscribe', async () => {
    const before = connections;
    const { client, error } = await connect({ Origin: 'https://evil.example' });
    assert.ok(error, 'the handshake fails');
    assert.equal(client.connected, false);
    assert.equal(connections, before, 'no socket reached the server');
  });

  test('a page of another site is refused by Sec-Fetch-Site, and Origin: null is refused', async () => {
    assert.ok((await connect({ 'Sec-Fetch-Site': 'cross-site' })).error);
    assert.ok((await connect({ Origin: 'null' })).error);
  });

  test('the same origin, a listed origin and a client without Origin connect and tail the broker', async () => {
    const cases: Record<string, string>[] = [{ Origin: url }, { Origin: 'https://portal.example.com' }, {}];
    for (const headers of cases) {
      const { client, error } = await connect(headers);
      assert.equal(error, undefined, `connects with ${JSON.stringify(headers)}`);
      const received = new Promise<string>((resolve) =>
        client.once('tail:batch', (batch, ack) => (ack(), resolve(batch.messages[0]?.payload ?? ''))),
      );
      const pattern = `${redis.prefix}origin.*`;
      assert.deepEqual(await client.emitWithAck('tail:subscribe', { patterns: [pattern] }), { ok: true, patterns: [pattern] });
      const marker = `hello ${JSON.stringify(headers)}`;
      // PSUBSCRIBE is asynchronous: publish until the tail sees the message.
      const timer = setInterval(() => void publisher.publish(`${redis.prefix}origin.test`, marker), 20);
      try {
        assert.equal(await received, marker);
      } finally {
        clearInterval(timer);
      }
      client.disconnect();
    }
  });
});
