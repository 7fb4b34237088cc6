import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { Redis } from 'ioredis';
import { startLiveServer, type LiveTestServer } from '../../testing/live.ts';
import { useRedis, type TestRedis } from '../../testing/redis.ts';
import { waitUntil } from '../../testing/wait.ts';
import { connectSubscriber, type SubscriberConnection } from '../broker/redis.ts';
import { UNDOCUMENTED, type InspectedMessage } from '../conformance/result.ts';

describe('live hub: the observed pattern', () => {
  let redis: TestRedis;
  let subscriber: SubscriberConnection;
  let publisher: Redis;
  let live: LiveTestServer;
  const inspected: string[] = [];

  before(async () => {
    redis = await useRedis();
    subscriber = connectSubscriber(redis.url, { connectionName: `${redis.prefix}subscriber` });
    publisher = redis.connect();
    const inspect = (channel: string): InspectedMessage => {
      inspected.push(channel);
      return { conformance: UNDOCUMENTED, match: null };
    };
    live = await startLiveServer({ subscriber: subscriber.redis, observePattern: `${redis.prefix}orders.*`, inspect });
  });

  after(async () => {
    await live.stop();
    await subscriber.close();
    await redis.stop();
  });

  test('a client that followed exactly the observed pattern and left does not make messages count twice', async () => {
    const p = redis.prefix;
    const numpat = (): Promise<number> => redis.patternCount(`${p}subscriber`);
    await waitUntil(async () => (await numpat()) === 1, 'the observed PSUBSCRIBE');
    const created = live.connect();
    assert.equal((await created.emitWithAck('tail:subscribe', { patterns: [`${p}*.created`] })).ok, true);
    const observed = live.connect();
    assert.equal((await observed.emitWithAck('tail:subscribe', { patterns: [`${p}orders.*`] })).ok, true);
    await waitUntil(async () => (await numpat()) === 2, 'both PSUBSCRIBEs');
    observed.disconnect();
    await new Promise((resolve) => setTimeout(resolve, 100));
    await publisher.publish(`${p}orders.created`, '{}');
    await publisher.publish(`${p}orders.shipped`, '{}');
    await waitUntil(() => inspected.includes(`${p}orders.shipped`), 'the second message');
    assert.deepEqual(inspected, [`${p}orders.created`, `${p}orders.shipped`], 'each message inspected once');
    created.disconnect();
  });
});
