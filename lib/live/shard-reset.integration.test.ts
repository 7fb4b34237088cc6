import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { Redis } from 'ioredis';
import { startLiveServer, type LiveTestServer, type TailClient } from '../../testing/live.ts';
import { startRedisCluster, type RunningRedisCluster } from '../../testing/redis-cluster.ts';
import { useRedis, type TestRedis } from '../../testing/redis.ts';
import { waitUntil } from '../../testing/wait.ts';
import {
  connectBroker,
  connectSubscriber,
  everyNode,
  openShardClient,
  type BrokerConnection,
  type SubscriberConnection,
} from '../broker/redis.ts';
import type { TailBatch, TailGap } from './events.ts';

const QUEUE = { capacity: 100, batchSize: 20, flushIntervalMs: 5, maxInFlight: 1 };

/** What one tail client received: the payloads, and each gap with how many payloads came before it. */
interface Tail {
  client: TailClient;
  payloads: string[];
  gaps: (TailGap & { after: number })[];
}

function follow(live: LiveTestServer): Tail {
  const client = live.connect();
  const tail: Tail = { client, payloads: [], gaps: [] };
  client.on('tail:batch', (batch: TailBatch, ack) => {
    const gaps = [...(batch.gaps ?? [])];
    batch.messages.forEach((message, i) => {
      while (gaps[0]?.before === i) tail.gaps.push({ ...gaps.shift()!, after: tail.payloads.length });
      tail.payloads.push(message.payload);
    });
    for (const gap of gaps) tail.gaps.push({ ...gap, after: tail.payloads.length });
    ack();
  });
  return tail;
}

/** The ids of the clients named `name` in CLIENT LIST. */
async function clientIds(node: Redis, name: string): Promise<string[]> {
  const list = String(await node.client('LIST')).split('\n');
  return list
    .map((line) => new Map(line.split(' ').map((pair) => pair.split('=', 2) as [string, string])))
    .filter((client) => client.get('name') === name)
    .map((client) => client.get('id') ?? '');
}

/** Kills the connections named `name` on `node`, as a network fault or an output-buffer limit would; answers how many. */
async function killClients(node: Redis, name: string): Promise<number> {
  const ids = await clientIds(node, name);
  for (const id of ids) await node.client('KILL', 'ID', id);
  return ids.length;
}

/** SPUBLISHes `label-<n>` on `channel` until `tail` receives one (the follow is back), and answers it. */
async function publishUntilReceived(
  spublish: (channel: string, payload: string) => Promise<unknown>,
  tail: Tail,
  channel: string,
  label: string,
) {
  let attempt = 0;
  let received: string | undefined;
  await waitUntil(
    async () => {
      await spublish(channel, `${label}-${attempt++}`).catch(() => undefined);
      await new Promise((resolve) => setTimeout(resolve, 30));
      received = tail.payloads.find((payload) => payload.startsWith(`${label}-`));
      return received !== undefined;
    },
    `a message on ${channel} after the reset`,
    20_000,
  );
  return received!;
}

describe('shard channels across a reset of their connection, on one Redis server', () => {
  let redis: TestRedis;
  let p: string;
  let subscriber: SubscriberConnection;
  let publisher: Redis;
  let live: LiveTestServer;

  before(async () => {
    redis = await useRedis();
    p = redis.prefix;
    subscriber = connectSubscriber(redis.url, { connectionName: `${p}subscriber` });
    publisher = redis.connect();
    live = await startLiveServer({ subscriber: subscriber.redis, queueOptions: QUEUE });
  });
  after(async () => {
    await live.stop();
    await subscriber.close();
    await redis.stop();
  });

  test('the followers of a shard channel are shown the gap, and its messages come again', async () => {
    const channel = `${p}shard.orders`;
    const spublish = (c: string, payload: string) => publisher.call('SPUBLISH', c, payload);
    const sharded = follow(live);
    const patterned = follow(live);
    assert.deepEqual(await sharded.client.emitWithAck('tail:ssubscribe', { channels: [channel] }), { ok: true, channels: [channel] });
    assert.equal((await patterned.client.emitWithAck('tail:subscribe', { patterns: [`${p}other.*`] })).ok, true);
    assert.equal(Number(await spublish(channel, 'before')), 1, 'the SSUBSCRIBE is in place once acknowledged');
    await waitUntil(() => sharded.payloads.includes('before'), 'a message before the reset');

    assert.equal(await killClients(publisher, `${p}subscriber-shards`), 1, 'the shard connection is killed');
    const resumed = await publishUntilReceived(spublish, sharded, channel, 'after');
    await waitUntil(() => sharded.gaps.length > 0, 'the gap');
    assert.equal(sharded.gaps.length, 1);
    const [gap] = sharded.gaps;
    assert.deepEqual(
      { reason: gap!.reason, channels: gap!.channels, after: gap!.after },
      { reason: 'reset', channels: [channel], after: 1 },
    );
    assert.ok(gap!.from <= gap!.to, 'from the loss to the return');
    assert.deepEqual(sharded.payloads, ['before', resumed], 'nothing before the gap is repeated');

    await publisher.publish(`${p}other.x`, 'patterns flow');
    await waitUntil(() => patterned.payloads.includes('patterns flow'), 'the pattern follower');
    assert.deepEqual(patterned.gaps, [], 'a client following no shard channel is not told of their reset');
    sharded.client.disconnect();
    patterned.client.disconnect();
  });
});

describe('shard channels across a reset of one master’s connection, on a Redis Cluster', () => {
  let cluster: RunningRedisCluster;
  let broker: BrokerConnection;
  let subscriber: SubscriberConnection;
  let live: LiveTestServer;

  before(async () => {
    cluster = await startRedisCluster();
    broker = connectBroker(cluster.target());
    subscriber = connectSubscriber(cluster.target(), { connectionName: 'shard-reset-tail' });
    live = await startLiveServer({
      subscriber: subscriber.redis,
      queueOptions: QUEUE,
      openShards: () => openShardClient(cluster.target(), subscriber.redis),
    });
  });
  after(async () => {
    await live.stop();
    await Promise.all([subscriber.close(), broker.close()]);
    await cluster.stop();
  });

  test('only the followers of the channels on that master are shown the gap, and they follow again', async () => {
    const spublish = (c: string, payload: string) => broker.redis.call('SPUBLISH', c, payload);
    // Hash tags on slots of different masters.
    const cut = '{a}shard.orders';
    const whole = '{b}shard.orders';
    const victim = await cluster.masterOf(cut);
    assert.notEqual(await cluster.masterOf(whole), victim, 'the channels are on two masters');
    const onCut = follow(live);
    const onWhole = follow(live);
    assert.equal((await onCut.client.emitWithAck('tail:ssubscribe', { channels: [cut] })).ok, true);
    assert.equal((await onWhole.client.emitWithAck('tail:ssubscribe', { channels: [whole] })).ok, true);
    for (const channel of [cut, whole]) assert.equal(Number(await spublish(channel, 'before')), 1, `${channel}'s SSUBSCRIBE`);
    await waitUntil(() => onCut.payloads.includes('before') && onWhole.payloads.includes('before'), 'a message on each before the reset');

    const node = everyNode(broker.redis, 'master').find((n) => n.options.port === victim)!;
    // ioredis names each master's sharded subscriber after its role and the name openShardClient gives it.
    const shardName = 'ioredis-cluster(ssubscriber):event-portal-shards';
    assert.equal(await killClients(node, shardName), 1, 'the shard connection to that master is killed');

    const resumed = await publishUntilReceived(spublish, onCut, cut, 'after');
    await waitUntil(() => onCut.gaps.length > 0, 'the gap');
    assert.deepEqual(
      onCut.gaps.map((gap) => ({ reason: gap.reason, channels: gap.channels, after: gap.after })),
      [{ reason: 'reset', channels: [cut], after: 1 }],
    );
    assert.deepEqual(onCut.payloads, ['before', resumed]);
    await spublish(whole, 'still');
    await waitUntil(() => onWhole.payloads.includes('still'), 'the other master’s channel');
    assert.deepEqual(onWhole.gaps, [], 'a channel on another master lost nothing');
    onCut.client.disconnect();
    onWhole.client.disconnect();
  });
});
