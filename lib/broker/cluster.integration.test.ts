import assert from 'node:assert/strict';
import { once } from 'node:events';
import { after, afterEach, before, describe, test } from 'node:test';
import { Cluster, Redis } from 'ioredis';
import { startLiveServer, type LiveTestServer } from '../../testing/live.ts';
import { startRedisCluster, type RunningRedisCluster } from '../../testing/redis-cluster.ts';
import { freePort } from '../../testing/services.ts';
import { waitUntil } from '../../testing/wait.ts';
import { subscriberCounter } from '../drift/subscribers.ts';
import type { TailMessage } from '../live/events.ts';
import { BrokerUnavailableError } from '../errors.ts';
import { checkBroker } from './broker-health.ts';
import { createBrokerService } from './broker-service.ts';
import { acknowledgeDeferred, claimNextDeferred, DEFERRED_STREAM, PROCESSED_LIST } from './deferred-queue.ts';
import { AOF_OFF_WARNING } from './persistence.ts';
import { shareAcrossInstances } from '../live/instances.ts';
import { publishTestEvent } from './publish.ts';
import { connectBroker, connectSubscriber, everyNode, openShardClient, type BrokerConnection, type SubscriberConnection } from './redis.ts';

describe('on a Redis Cluster of 3 masters', () => {
  let cluster: RunningRedisCluster;
  let broker: BrokerConnection;
  const closing: (() => unknown)[] = [];
  /** A plain connection to one node, as a client of the broker other than the portal would have. */
  const node = (port: number): Redis => {
    const redis = new Redis(port, '127.0.0.1');
    closing.push(() => redis.disconnect());
    return redis;
  };
  const subscriber = (name: string, seeds?: readonly number[]): SubscriberConnection => {
    const connection = connectSubscriber(cluster.target(seeds), { connectionName: name });
    closing.push(() => connection.close());
    return connection;
  };

  before(async () => {
    cluster = await startRedisCluster();
    broker = connectBroker(cluster.target());
    await once(broker.redis, 'ready');
  });
  // Each test starts with no client of its own left, so no pattern subscriber of one test sways the next one's counts.
  afterEach(async () => {
    for (const close of closing.splice(0)) await close();
    const patterns = async (): Promise<number> => {
      const counts = await Promise.all(everyNode(broker.redis).map((n) => n.pubsub('NUMPAT')));
      return counts.reduce((sum: number, count) => sum + Number(count), 0);
    };
    await waitUntil(async () => (await patterns()) === 0, "the last test's pattern subscribers to be gone");
  });
  after(async () => {
    await broker.close();
    await cluster.stop();
  });

  test('REDIS_CLUSTER_NODES gives a cluster connection that reports itself ready', () => {
    assert.ok(broker.redis instanceof Cluster);
    assert.equal(broker.state(), 'ready');
    assert.equal(broker.lastError(), null);
  });

  test('the tail holds its PSUBSCRIBE on one node and hears what is published through every node', async () => {
    const tail = subscriber('cluster-tail');
    const live: LiveTestServer = await startLiveServer({ subscriber: tail.redis });
    try {
      const received: TailMessage[] = [];
      const client = live.connect();
      client.on('tail:batch', (batch, ack) => (received.push(...batch.messages), ack()));
      assert.equal((await client.emitWithAck('tail:subscribe', { patterns: ['tail.*'] })).ok, true);
      await waitUntil(async () => (await cluster.patternCounts('cluster-tail')).size === 1, 'the PSUBSCRIBE on one node');
      const masters = await cluster.masters();
      for (const port of masters) await node(port).publish(`tail.via-${port}`, 'hello');
      await publishTestEvent(broker, 'tail.via-portal', 'hello');
      const expected = [...masters.map((port) => `tail.via-${port}`), 'tail.via-portal'].sort();
      await waitUntil(() => received.length === expected.length, `${expected.length} messages (got ${received.length})`);
      assert.deepEqual(received.map((m) => m.channel).sort(), expected);
    } finally {
      await live.stop();
    }
  });

  test('shard channels on every master are followed with SSUBSCRIBE and bring what SPUBLISH sends', async () => {
    const tail = subscriber('cluster-shards');
    const live: LiveTestServer = await startLiveServer({
      subscriber: tail.redis,
      openShards: () => openShardClient(cluster.target(), tail.redis),
    });
    try {
      const received: TailMessage[] = [];
      const client = live.connect();
      client.on('tail:batch', (batch, ack) => (received.push(...batch.messages), ack()));
      // Hash tags that land on three different slots, so on different masters of the three.
      const channels = ['{a}shard.orders', '{b}shard.orders', '{c}shard.orders'];
      const owners = new Set(await Promise.all(channels.map((channel) => cluster.masterOf(channel))));
      assert.equal(owners.size, 3, 'the channels are spread over the three masters');
      assert.deepEqual(await client.emitWithAck('tail:ssubscribe', { channels }), { ok: true, channels });
      await waitUntil(async () => {
        const counts = await Promise.all(channels.map((channel) => broker.redis.call('SPUBLISH', channel, `to ${channel}`)));
        return counts.every((count) => Number(count) === 1);
      }, 'each SSUBSCRIBE on its master');
      await waitUntil(() => channels.every((channel) => received.some((m) => m.channel === channel)), 'a message from each shard channel');
      assert.ok(received.every((m) => m.sharded === true && m.pattern === m.channel && m.payload === `to ${m.channel}`));
    } finally {
      await live.stop();
    }
  });

  // ioredis' own Cluster subscriber keeps its INFO ready check, so these PSUBSCRIBEs were lost (redis/ioredis#2037).
  test('PSUBSCRIBEs made while the subscriber connects all take effect', async () => {
    const tail = subscriber('cluster-race');
    const patterns = Array.from({ length: 50 }, (_, i) => `race${i}.*`);
    tail.redis.once('connect', () => patterns.forEach((pattern, i) => setTimeout(() => void tail.redis.psubscribe(pattern), i)));
    await waitUntil(
      async () => [...(await cluster.patternCounts('cluster-race')).values()].includes(patterns.length),
      `all ${patterns.length} PSUBSCRIBEs (subscriber ${tail.state()}, ${tail.lastError() ?? 'no error'})`,
    );
    assert.equal(tail.state(), 'ready');
  });

  test('publishing counts the receivers on every node: SUBSCRIBE clients anywhere and the pattern subscribers', async () => {
    const masters = await cluster.masters();
    for (const port of masters) await node(port).subscribe('count.orders');
    const tail = subscriber('count-tail', [masters[1]!]);
    await tail.redis.psubscribe('count.*');
    assert.deepEqual((await publishTestEvent(broker, 'count.orders', '{}')).receivers, masters.length + 1);
    assert.deepEqual((await publishTestEvent(broker, 'count.other', '{}')).receivers, 1, 'the pattern subscriber alone');
  });

  test('drift counts the SUBSCRIBE clients of every node', async () => {
    const masters = await cluster.masters();
    await node(masters[0]!).subscribe('drift.a', 'drift.b');
    await node(masters[2]!).subscribe('drift.b');
    assert.deepEqual(await subscriberCounter(broker.redis)(['drift.a', 'drift.b', 'drift.none']), [1, 2, 0]);
  });

  test('the deferred queue keeps its stream and processed list in one slot, so a worker can acknowledge', async () => {
    assert.equal(await cluster.masterOf(PROCESSED_LIST), await cluster.masterOf(DEFERRED_STREAM));
    const service = createBrokerService(broker);
    const id = await service.deferExecution('resize');
    const event = await claimNextDeferred(broker.redis, 'w1', { blockMs: 100 });
    assert.equal(event?.id, id);
    await acknowledgeDeferred(broker.redis, event, 'w1');
    const stats = await service.queueStats();
    assert.deepEqual({ depth: stats.depth, pending: stats.pending }, { depth: 0, pending: 0 });
    assert.deepEqual(
      stats.recentlyProcessed.map((e) => [e.id, e.consumer]),
      [[id, 'w1']],
    );
    assert.deepEqual(stats.persistence, { aof: false, warning: AOF_OFF_WARNING }, 'no node of this cluster keeps an AOF');
  });

  test('the Socket.IO adapter carries a disconnect from one instance to another’s sockets through the cluster', async () => {
    const instances: LiveTestServer[] = [];
    try {
      for (const [index, seeds] of [
        [0, undefined],
        [1, [...cluster.ports].reverse()],
      ] as const) {
        const live = await startLiveServer({ subscriber: subscriber(`adapter-tail-${index}`, seeds).redis });
        const pub = connectBroker(cluster.target(seeds), { connectionName: `adapter-pub-${index}`, queueWhileDown: true });
        const sub = subscriber(`adapter-sub-${index}`, seeds);
        closing.push(() => pub.close());
        shareAcrossInstances(live.io, pub.redis, sub.redis);
        live.io.on('connection', (socket) => void socket.join('user:u-1'));
        instances.push(live);
      }
      await waitUntil(
        async () => (await cluster.patternCounts('adapter-sub-0')).size + (await cluster.patternCounts('adapter-sub-1')).size === 2,
        'both adapters subscribed',
      );
      const [a, b] = instances as [LiveTestServer, LiveTestServer];
      const client = b.connect({ reconnection: false });
      await new Promise<void>((resolve) => client.once('connect', () => resolve()));
      await waitUntil(async () => (await a.io.in('user:u-1').fetchSockets()).length === 1, "A to see B's socket through the adapter");
      const closed = new Promise<string>((resolve) => client.once('disconnect', resolve));
      a.io.in('user:u-1').disconnectSockets(true);
      assert.equal(await closed, 'io server disconnect');
    } finally {
      for (const live of instances) await live.stop();
    }
  });

  test('a cluster nobody answers for is reported down, and publishing fails fast with a clear error', async () => {
    const dead = connectBroker({ kind: 'cluster', nodes: [{ host: '127.0.0.1', port: await freePort() }] });
    closing.push(() => dead.close());
    const started = Date.now();
    const health = await checkBroker(dead);
    assert.equal(health.status, 'down');
    assert.equal(health.kind, 'cluster');
    assert.ok(health.error, 'says why');
    await assert.rejects(publishTestEvent(dead, 'orders', 'x'), BrokerUnavailableError);
    assert.ok(Date.now() - started < 3_000, 'no hanging on a dead cluster');
  });

  // Last: it stops the whole cluster.
  test('the connection reports the cluster lost while every node is down, and ready once they are back', async () => {
    assert.deepEqual(await checkBroker(broker), { status: 'up', kind: 'cluster' });
    for (const port of cluster.ports) await cluster.kill(port);
    await waitUntil(() => broker.state() === 'unreachable', 'the loss to be noticed');
    await assert.rejects(publishTestEvent(broker, 'orders', 'x'), BrokerUnavailableError);
    for (const port of cluster.ports) await cluster.restart(port);
    await cluster.settled();
    await waitUntil(() => broker.state() === 'ready', 'the connection to be back', 10_000);
    assert.equal((await publishTestEvent(broker, 'orders', 'x')).receivers, 0);
    assert.deepEqual(await checkBroker(broker), { status: 'up', kind: 'cluster' });
  });
});
