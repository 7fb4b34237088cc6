import assert from 'node:assert/strict';
import { once } from 'node:events';
import { after, before, describe, test } from 'node:test';
import { Redis } from 'ioredis';
import { startLiveServer, type LiveTestServer } from '../../testing/live.ts';
import { startRedisCluster, type RunningRedisCluster } from '../../testing/redis-cluster.ts';
import { waitUntil } from '../../testing/wait.ts';
import type { TailBatch } from '../live/events.ts';
import { checkBroker } from './broker-health.ts';
import { createBrokerService } from './broker-service.ts';
import { acknowledgeDeferred, claimNextDeferred, DEFERRED_STREAM } from './deferred-queue.ts';
import { publishTestEvent } from './publish.ts';
import { connectBroker, connectSubscriber, type BrokerConnection, type SubscriberConnection } from './redis.ts';

/** A master failing takes a couple of seconds to be noticed (node timeout 1 s) and replaced; this bounds each wait. */
const FAILOVER_MS = 20_000;

describe('a Redis Cluster losing a master', () => {
  let cluster: RunningRedisCluster;
  let broker: BrokerConnection;
  let subscriber: SubscriberConnection;
  let live: LiveTestServer;
  let victim: number;
  const batches: TailBatch[] = [];
  const received = (channel: string): boolean => batches.some((b) => b.messages.some((m) => m.channel === channel));

  before(async () => {
    cluster = await startRedisCluster({ replicas: 1 });
    // The master to lose serves the deferred stream and is the tail's first seed: everything fails over at once.
    victim = await cluster.masterOf(DEFERRED_STREAM);
    broker = connectBroker(cluster.target());
    subscriber = connectSubscriber(cluster.target([victim, ...cluster.ports.filter((port) => port !== victim)]));
    live = await startLiveServer({ subscriber: subscriber.redis });
    await once(broker.redis, 'ready');
  });
  after(async () => {
    await live.stop();
    await Promise.all([subscriber.close(), broker.close()]);
    await cluster.stop();
  });

  test('publishing, the deferred queue, the tail and the health check recover once a replica takes over', async () => {
    const client = live.connect();
    client.on('tail:batch', (batch, ack) => (batches.push(batch), ack()));
    assert.equal((await client.emitWithAck('tail:subscribe', { patterns: ['failover.*'] })).ok, true);
    await waitUntil(async () => (await cluster.patternCounts('event-portal-tail')).get(victim) === 1, 'the tail on the doomed master');
    await publishTestEvent(broker, 'failover.before', '1');
    await waitUntil(() => received('failover.before'), 'a message before the failover');
    const service = createBrokerService(broker);
    const queued = await service.deferExecution('survives');
    const replicated = new Redis(victim, '127.0.0.1');
    assert.equal(await replicated.call('WAIT', '1', '2000'), 1, 'the replica has the event');
    replicated.disconnect();
    assert.deepEqual(await checkBroker(broker), { status: 'up', kind: 'cluster' });

    await cluster.kill(victim);
    await waitUntil(async () => (await checkBroker(broker)).status === 'down', 'the health check to see the loss');
    await waitUntil(async () => !(await cluster.masters()).includes(victim), 'a replica to take over', FAILOVER_MS);

    let attempt = 0;
    await waitUntil(
      async () => {
        const channel = `failover.after-${attempt++}`;
        await publishTestEvent(broker, channel, '2').catch(() => undefined);
        await new Promise((resolve) => setTimeout(resolve, 50));
        return received(channel);
      },
      'a message published and tailed after the failover',
      FAILOVER_MS,
    );
    assert.ok(
      batches.some((b) => b.gaps?.length),
      'the tail was told it may have missed messages',
    );
    await waitUntil(async () => (await checkBroker(broker)).status === 'up', 'the health check to see the cluster whole', FAILOVER_MS);

    const event = await claimNextDeferred(broker.redis, 'rescuer', { blockMs: 100 });
    assert.equal(event?.id, queued, 'the event queued before the failover');
    await acknowledgeDeferred(broker.redis, event, 'rescuer');
    assert.equal((await service.queueStats()).recentlyProcessed[0]?.id, queued);

    await cluster.restart(victim);
    await cluster.settled(FAILOVER_MS);
    assert.ok(!(await cluster.masters()).includes(victim), 'it came back as a replica');
    assert.deepEqual(await checkBroker(broker), { status: 'up', kind: 'cluster' });
  });
});
