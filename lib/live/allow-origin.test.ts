import assert from 'node:assert/strict';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, describe, test } from 'node:test';
import { Redis } from 'ioredis';
import { Server } from 'socket.io';
import { io as connectClient, type Socket as ClientSocket } from 'socket.io-client';
import { startRedis, type RunningService } from '../../scripts/testing/services.ts';
import { connectBroker, type BrokerConnection } from '../broker/redis.ts';
import { allowSameOrigin } from './allow-origin.ts';
import { startLiveBridge } from './bridge.ts';
import type { ClientToServerEvents, ServerToClientEvents } from './events.ts';
import type { LiveServer } from './hub.ts';

type TailClient = ClientSocket<ServerToClientEvents, ClientToServerEvents>;

describe('Socket.IO refuses handshakes from other origins', () => {
  let redis: RunningService;
  let subscriber: BrokerConnection;
  let publisher: Redis;
  let io: LiveServer;
  let url: string;
  let connections = 0;
  const clients: TailClient[] = [];

  before(async () => {
    redis = await startRedis();
    subscriber = connectBroker(redis.url, { connectionName: 'test-subscriber', queueWhileDown: true });
    publisher = new Redis(redis.url);
    const http = createServer();
    io = new Server(http, { allowRequest: allowSameOrigin(['https://portal.example.com']) });
    io.on('connection', () => connections++);
    startLiveBridge({ io, subscriber: subscriber.redis });
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

  /** Connects over WebSocket with the given headers; resolves with the connected client or the connection error. */
  function connect(headers: Record<string, string>): Promise<{ client: TailClient; error?: Error }> {
    const client: TailClient = connectClient(url, { transports: ['websocket'], extraHeaders: headers, reconnection: false });
    clients.push(client);
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
      assert.deepEqual(await client.emitWithAck('tail:subscribe', { patterns: ['origin.*'] }), { ok: true, patterns: ['origin.*'] });
      const marker = `hello ${JSON.stringify(headers)}`;
      // PSUBSCRIBE is asynchronous: publish until the tail sees the message.
      const timer = setInterval(() => void publisher.publish('origin.test', marker), 20);
      try {
        assert.equal(await received, marker);
      } finally {
        clearInterval(timer);
      }
      client.disconnect();
    }
  });
});
