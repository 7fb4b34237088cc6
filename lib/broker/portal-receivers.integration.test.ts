import assert from 'node:assert/strict';
import { once } from 'node:events';
import { after, before, test } from 'node:test';
import type { Redis } from 'ioredis';
import { useRedis, type TestRedis } from '../../testing/redis.ts';
import { TAIL_COUNT_MAX_AGE_MS } from './portal-receivers.ts';
import { publishTestEvent } from './publish.ts';
import { connectBroker, connectSubscriber, type BrokerConnection, type SubscriberConnection } from './redis.ts';

let server: TestRedis;
let broker: BrokerConnection;
let tail: SubscriberConnection;
let subscriber: Redis;
let admin: Redis;

before(async () => {
  server = await useRedis();
  broker = connectBroker(server.url);
  await once(broker.redis, 'ready');
  // A portal's tail, named as server.ts names it, observing everything of this test; and a consumer besides it.
  tail = connectSubscriber(server.url);
  await tail.redis.psubscribe(`${server.prefix}*`);
  subscriber = server.connect();
  await subscriber.subscribe(`${server.prefix}orders`);
  admin = server.connect();
});

after(async () => {
  subscriber.disconnect();
  admin.disconnect();
  await tail.close();
  await broker.close();
  await server.stop();
});

test("a publish counts its receivers besides the portal's own observing tail", async () => {
  const receipt = await publishTestEvent(broker, `${server.prefix}orders`, '{"id":1}', `${server.prefix}*`);
  assert.ok(receipt.receivers >= 2, JSON.stringify(receipt));
  assert.equal(receipt.receiversBesidesPortal, 1);
});

test('a topic only the portal observes has no receiver besides it', async () => {
  const receipt = await publishTestEvent(broker, `${server.prefix}nobody`, 'x', `${server.prefix}*`);
  assert.ok(receipt.receivers >= 1, JSON.stringify(receipt));
  assert.equal(receipt.receiversBesidesPortal, 0);
});

test('with observing off, or a topic the observed pattern leaves out, the portal is not taken away', async () => {
  for (const observePattern of ['', `${server.prefix}payments.*`]) {
    const receipt = await publishTestEvent(broker, `${server.prefix}orders`, 'x', observePattern);
    assert.equal(receipt.receiversBesidesPortal, receipt.receivers, observePattern);
  }
});

test('publishes within a second share one CLIENT LIST, and a tail that joins is counted once it has passed', async () => {
  const calls = async (): Promise<number> => {
    const stats = await admin.info('commandstats');
    return Number(/cmdstat_client\|list:calls=(\d+)/.exec(stats)?.[1] ?? 0);
  };
  await new Promise((resolve) => setTimeout(resolve, TAIL_COUNT_MAX_AGE_MS));
  const before = await calls();
  const receipts = await Promise.all(
    Array.from({ length: 20 }, () => publishTestEvent(broker, `${server.prefix}orders`, 'x', `${server.prefix}*`)),
  );
  assert.deepEqual(new Set(receipts.map((receipt) => receipt.receiversBesidesPortal)), new Set([1]));
  assert.equal((await calls()) - before, 1, 'one CLIENT LIST for 20 publishes');

  const second = connectSubscriber(server.url);
  try {
    await second.redis.psubscribe(`${server.prefix}*`);
    await new Promise((resolve) => setTimeout(resolve, TAIL_COUNT_MAX_AGE_MS));
    const receipt = await publishTestEvent(broker, `${server.prefix}orders`, 'x', `${server.prefix}*`);
    assert.equal(receipt.receiversBesidesPortal, 1, 'the second tail is the portal too');
  } finally {
    await second.close();
  }
});
