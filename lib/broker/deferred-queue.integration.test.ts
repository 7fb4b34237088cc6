import assert from 'node:assert/strict';
import { once } from 'node:events';
import { after, before, beforeEach, describe, test } from 'node:test';
import { Redis } from 'ioredis';
import { useRedis, type TestRedis } from '../../testing/redis.ts';
import { replyProxy } from '../../testing/reply-proxy.ts';
import { waitUntil } from '../../testing/wait.ts';
import {
  acknowledgeDeferred,
  adoptOldProcessedList,
  BODY_PREVIEW_CHARS,
  claimNextDeferred,
  DEFERRED_STREAM,
  deferredQueueStats,
  enqueueDeferred,
  nextDeferredId,
  PROCESSED_LIST,
} from './deferred-queue.ts';
import { createBrokerService } from './broker-service.ts';
import { connectBroker } from './redis.ts';

describe('deferred queue on a Redis stream', () => {
  let server: TestRedis;
  let redis: Redis;
  let databaseUrl: string;

  // The queue's keys are fixed names: a database of this file's own keeps them apart from other tests'.
  before(async () => {
    server = await useRedis();
    databaseUrl = await server.claimDatabase();
    redis = new Redis(databaseUrl);
  });
  beforeEach(() => redis.flushdb());
  after(async () => {
    await redis.flushdb();
    redis.disconnect();
    await server.stop();
  });

  test('an XADD resent after its reply was lost (ioredis resends it on reconnect) queues the event once', async () => {
    const url = new URL(databaseUrl);
    const proxy = await replyProxy(Number(url.port || 6379));
    const viaProxy = connectBroker(`redis://127.0.0.1:${proxy.port}${url.pathname}`);
    try {
      await once(viaProxy.redis, 'ready');
      const id = await nextDeferredId(viaProxy.redis);
      proxy.dropReplyTo('xadd');
      assert.equal(await enqueueDeferred(viaProxy.redis, '{"task":"once"}', id), id);
      assert.equal(proxy.dropped(), 1, 'the first reply was lost and the command sent again');
      assert.equal(await redis.xlen(DEFERRED_STREAM), 1);
      await assert.rejects(enqueueDeferred(redis, '{"task":"other"}', id), { name: 'DeferredIdTakenError' }, 'another event, same id');
    } finally {
      await viaProxy.close();
      await proxy.close();
    }
  });

  test('an XADD whose reply was lost with the connection, which stays down, is reported in doubt, not unavailable', async () => {
    const url = new URL(databaseUrl);
    const proxy = await replyProxy(Number(url.port || 6379));
    const viaProxy = connectBroker(`redis://127.0.0.1:${proxy.port}${url.pathname}`);
    try {
      await once(viaProxy.redis, 'ready');
      const broker = createBrokerService(viaProxy);
      const id = await broker.nextDeferredId();
      proxy.dropReplyTo('xadd', 'refuse');
      await assert.rejects(broker.deferExecution('{"task":"doubt"}', id), (error: Error) => {
        assert.equal(error.name, 'DeferredOutcomeUnknownError');
        assert.match(error.message, /may or may not be queued/);
        return true;
      });
      assert.equal(await redis.xlen(DEFERRED_STREAM), 1, 'it was queued: telling the caller to retry would queue it twice');
      assert.equal(viaProxy.redis.listenerCount('ready'), 1, 'the wait left no listener behind');
    } finally {
      await viaProxy.close();
      await proxy.close();
    }
  });

  test('hands each event to one worker and forgets it once acknowledged', async () => {
    const id = await enqueueDeferred(redis, '{"task":"resize"}');
    assert.equal((await deferredQueueStats(redis)).depth, 1);
    const event = await claimNextDeferred(redis, 'w1', { blockMs: 100 });
    assert.deepEqual({ id: event?.id, body: event?.body }, { id, body: '{"task":"resize"}' });
    assert.equal(await claimNextDeferred(redis, 'w2', { blockMs: 100 }), null, 'not handed out twice');
    let stats = await deferredQueueStats(redis);
    assert.deepEqual({ depth: stats.depth, pending: stats.pending }, { depth: 0, pending: 1 });
    await acknowledgeDeferred(redis, event!, 'w1');
    stats = await deferredQueueStats(redis);
    assert.deepEqual({ depth: stats.depth, pending: stats.pending }, { depth: 0, pending: 0 });
    assert.equal(stats.recentlyProcessed[0]?.id, id);
    assert.equal(stats.recentlyProcessed[0]?.consumer, 'w1');
  });

  test('an event whose worker died unacknowledged is redelivered to the next worker', async () => {
    const id = await enqueueDeferred(redis, 'work');
    const taken = await claimNextDeferred(redis, 'doomed', { blockMs: 100 });
    assert.equal(taken?.id, id);
    // "doomed" never acknowledges: after the reclaim delay another worker gets the same event.
    assert.equal(
      await claimNextDeferred(redis, 'rescuer', { blockMs: 50, reclaimAfterMs: 10_000 }),
      null,
      'not while it may still be running',
    );
    await new Promise((r) => setTimeout(r, 60));
    const again = await claimNextDeferred(redis, 'rescuer', { blockMs: 50, reclaimAfterMs: 50 });
    assert.equal(again?.id, id);
    assert.equal(again?.body, 'work');
    await acknowledgeDeferred(redis, again, 'rescuer');
    assert.equal((await deferredQueueStats(redis)).pending, 0);
  });

  test('keeps events in order and keeps binary-safe text bodies', async () => {
    for (const body of ['first', 'second', 'ünïcode ✓']) await enqueueDeferred(redis, body);
    const bodies: string[] = [];
    for (
      let event = await claimNextDeferred(redis, 'w', { blockMs: 50 });
      event;
      event = await claimNextDeferred(redis, 'w', { blockMs: 50 })
    ) {
      bodies.push(event.body);
      await acknowledgeDeferred(redis, event, 'w');
    }
    assert.deepEqual(bodies, ['first', 'second', 'ünïcode ✓']);
  });

  test('remembers a processed event with a preview of its body and its real size, not the whole body', async () => {
    const body = `{"blob":"${'é'.repeat(500_000)}"}`;
    await enqueueDeferred(redis, body);
    const event = await claimNextDeferred(redis, 'w', { blockMs: 50 });
    assert.equal(event?.body, body, 'the worker gets the whole body');
    await acknowledgeDeferred(redis, event, 'w');
    const [processed] = (await deferredQueueStats(redis)).recentlyProcessed;
    assert.deepEqual(
      { preview: processed?.body, size: processed?.size, truncated: processed?.truncated },
      {
        preview: body.slice(0, BODY_PREVIEW_CHARS),
        size: Buffer.byteLength(body),
        truncated: true,
      },
    );
    assert.ok((await redis.lindex(PROCESSED_LIST, 0))!.length < 1_000, 'Redis keeps only the preview');
  });

  // The list took the stream's hash tag for Redis Cluster; a single server's history moves over with the portal's start.
  test("the processed events kept under the list's old name are moved to the new one once the portal connects", async () => {
    const old = { id: '1-0', body: 'before the upgrade', enqueuedAt: 1, processedAt: 2, consumer: 'w0', size: 18, truncated: false };
    await redis.lpush('portal:deferred:processed', JSON.stringify(old));
    const connection = connectBroker(databaseUrl);
    try {
      adoptOldProcessedList(connection, (message) => assert.fail(message));
      await waitUntil(async () => (await redis.exists('portal:deferred:processed')) === 0, 'the old list to be renamed');
      assert.deepEqual((await deferredQueueStats(redis)).recentlyProcessed, [old]);
    } finally {
      await connection.close();
    }
  });
});
