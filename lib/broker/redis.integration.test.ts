import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { Redis } from 'ioredis';
import { useRedis, type TestRedis } from '../../testing/redis.ts';
import { waitUntil } from '../../testing/wait.ts';
import { connectSubscriber } from './redis.ts';

/** `promise`, or a rejection naming `what` after `ms`, so a connection that never gets there fails the test. */
function within<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<never>((_, reject) => (timer = setTimeout(() => reject(new Error(`no ${what} within ${ms} ms`)), ms)));
  return Promise.race([promise, late]).finally(() => clearTimeout(timer));
}

describe('the subscriber connection', () => {
  let server: TestRedis;
  let publisher: Redis;

  before(async () => {
    server = await useRedis();
    publisher = server.connect();
  });
  after(() => server.stop());

  // ioredis 5 writes a PSUBSCRIBE made while it connects before its ready check (INFO), then refuses that
  // INFO in subscriber mode and reconnects for ever (redis/ioredis#2037): the tail stayed silent.
  test('a PSUBSCRIBE made while connecting takes effect and the connection becomes ready', async () => {
    for (let attempt = 0; attempt < 5; attempt++) {
      const name = `${server.prefix}tail${attempt}`;
      const subscriber = connectSubscriber(server.url, { connectionName: name });
      try {
        const received = new Promise<string>((resolve) =>
          subscriber.redis.on('pmessage', (_p: string, channel: string) => resolve(channel)),
        );
        subscriber.redis.once('connect', () => void subscriber.redis.psubscribe(`${server.prefix}race${attempt}.*`));
        const ready = new Promise<void>((resolve) => subscriber.redis.once('ready', () => resolve()));
        await within(ready, 3_000, `ready event (last error: ${subscriber.lastError() ?? 'none'})`);
        assert.equal(subscriber.state(), 'ready');
        await waitUntil(async () => (await server.patternCount(name)) === 1, 'the PSUBSCRIBE', 2_000);
        await publisher.publish(`${server.prefix}race${attempt}.x`, 'hello');
        assert.equal(await within(received, 3_000, 'message'), `${server.prefix}race${attempt}.x`);
        assert.equal(subscriber.lastError(), null);
      } finally {
        await subscriber.close();
      }
    }
  });
});
