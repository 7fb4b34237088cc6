import assert from 'node:assert/strict';
import { once } from 'node:events';
import { after, before, test } from 'node:test';
import { createBrokerService } from '../../lib/broker/broker-service.ts';
import { EDA_QUEUE_LIST, type EdaQueueReport } from '../../lib/broker/eda-queue.ts';
import { connectBroker, type BrokerConnection } from '../../lib/broker/redis.ts';
import { provideServices, services } from '../../lib/services.ts';
import { startDeferredWorker, startMasterConsumer, type RunningConsumer } from '../../testing/eda-consumers.ts';
import type { PublishingFixture } from '../../testing/publishing.ts';
import { useRedis, type TestRedis } from '../../testing/redis.ts';
import { startRouteServices } from '../../testing/route-services.ts';
import { waitUntil } from '../../testing/wait.ts';
import { GET as getQueue } from '../api/queue/route.ts';
import { POST } from './route.ts';

// DEFERRED_MODE=eda end to end: /deferred-exec → PUBLISH master → the master consumer's LPUSH → /api/queue → the worker's RPOP.
let fixture: PublishingFixture;
let redis: TestRedis;
let databaseUrl: string;
let broker: BrokerConnection;
let master: RunningConsumer;

before(async () => {
  fixture = await startRouteServices();
  redis = await useRedis();
  // message:queue is a fixed name: a database of this test's own keeps other tests' lists apart.
  databaseUrl = await redis.claimDatabase();
  broker = connectBroker(databaseUrl);
  await once(broker.redis, 'ready');
  await broker.redis.del(EDA_QUEUE_LIST);
  provideServices({ ...services(), broker: createBrokerService(broker, { deferredMode: 'eda' }) });
  master = await startMasterConsumer(databaseUrl);
});

after(async () => {
  await master.stop();
  await broker.redis.del(EDA_QUEUE_LIST);
  await broker.close();
  await redis.stop();
  await fixture.stop();
});

const defer = (body: string) =>
  POST(new Request('http://portal/deferred-exec', { method: 'POST', headers: { 'Content-Type': 'text/plain' }, body }));

async function queue(): Promise<EdaQueueReport> {
  const response = await getQueue(new Request('http://portal/api/queue'));
  assert.equal(response.status, 200);
  return (await response.json()) as EdaQueueReport;
}

test('a deferred body goes out on master, is queued by the master consumer as go-redis prints it, and /api/queue shows it', async () => {
  const body = `job-${Date.now()}`;
  const response = await defer(body);
  assert.equal(response.status, 200);
  assert.deepEqual(await response.json(), { message: 'message queued for deferred execution' });
  await waitUntil(async () => (await queue()).length === 1, 'the master consumer to queue it');
  const shown = await queue();
  assert.equal(shown.mode, 'eda');
  assert.equal(shown.list, 'message:queue');
  assert.deepEqual(shown.items, [{ body: `Message<master: ${body}>`, size: body.length + 17, truncated: false }]);
  assert.equal(typeof shown.persistence.aof, 'boolean');
});

test('the worker pops the oldest message on each tick, and the list empties', async () => {
  await defer('first');
  await defer('second');
  await waitUntil(async () => (await queue()).length >= 2, 'both queued');
  const popped: string[] = [];
  const worker = startDeferredWorker(databaseUrl, { intervalMs: 50, onItem: (item) => popped.push(item.toString()) });
  try {
    await waitUntil(async () => (await queue()).length === 0, 'the worker to empty the list');
    assert.deepEqual(popped.slice(-2), ['Message<master: first>', 'Message<master: second>']);
  } finally {
    await worker.stop();
  }
});

test('the list is shown bounded: the newest 50 items, each cut to 200 bytes', async () => {
  await broker.redis.lpush(EDA_QUEUE_LIST, ...Array.from({ length: 60 }, (_, i) => `${i}:${'x'.repeat(i === 59 ? 5_000 : 1)}`));
  const shown = await queue();
  assert.equal(shown.length, 60);
  assert.equal(shown.items.length, 50);
  assert.equal(shown.items[0]?.body.length, 200);
  assert.deepEqual({ size: shown.items[0]?.size, truncated: shown.items[0]?.truncated }, { size: 5_003, truncated: true });
  assert.equal(shown.items[49]?.body, '10:x');
  await broker.redis.del(EDA_QUEUE_LIST);
});
