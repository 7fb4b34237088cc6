import assert from 'node:assert/strict';
import { once } from 'node:events';
import { after, before, test } from 'node:test';
import type { Redis } from 'ioredis';
import { useRedis, type TestRedis } from '../../testing/redis.ts';
import { publishTestEvent } from './publish.ts';
import { connectBroker, connectSubscriber, type BrokerConnection, type SubscriberConnection } from './redis.ts';

let server: TestRedis;
let broker: BrokerConnection;
let tail: SubscriberConnection;
let subscriber: Redis;

before(async () => {
  server = await useRedis();
  broker = connectBroker(server.url);
  await once(broker.redis, 'ready');
  // A portal's tail, named as server.ts names it, observing everything of this test; and a consumer besides it.
  tail = connectSubscriber(server.url);
  await tail.redis.psubscribe(`${server.prefix}*`);
  subscriber = server.connect();
  await subscriber.subscribe(`${server.prefix}orders`);
});

after(async () => {
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
