import assert from 'node:assert/strict';
import { once } from 'node:events';
import { isDeepStrictEqual } from 'node:util';
import { after, before, describe, test } from 'node:test';
import { validateDocument } from '../../asyncapi/validate.ts';
import { openDatabase, type Database } from '../../prisma/db.ts';
import { installationId } from '../../prisma/store/installation.ts';
import { createPostgresDatabase } from '../../testing/databases.ts';
import { startRedisCluster, type RunningRedisCluster } from '../../testing/redis-cluster.ts';
import { useRedis, type TestRedis } from '../../testing/redis.ts';
import { startCountingInstance, type CountingInstance } from '../../testing/traffic.ts';
import { waitUntil } from '../../testing/wait.ts';
import { connectBroker, type BrokerConnection } from '../broker/redis.ts';
import type { BrokerTarget } from '../broker/target.ts';
import { createCatalogue } from '../catalogue.ts';
import { MAX_UNDOCUMENTED_CHANNELS, type TrafficSnapshot } from '../conformance/traffic.ts';
import { trafficKeys, type TrafficKeys } from './keys.ts';
import { leaseHolder } from './lease.ts';

const adminUrl = process.env.TEST_DATABASE_URL;
const LEASE_MS = 1_500;
/** Messages streamed through the graceful handover, each on an undocumented channel of its own: `stream/<i>`. */
const STREAMED = 200;

const documentFor = (prefix: string) => `asyncapi: 3.0.0
info: { title: Count Once, version: 1.0.0 }
channels:
  orders:
    address: ${prefix}orders/{id}
    messages:
      Order: { payload: { type: object, required: [id], properties: { id: { type: integer } } } }
`;

/** What one instance's snapshot says of the test's channels: [messages, violations] of orders, messages per undocumented. */
function tally(snapshot: TrafficSnapshot, prefix: string) {
  const orders = snapshot.catalogued.find((c) => c.channelKey === 'orders');
  const undocumented = Object.fromEntries(
    snapshot.undocumented.filter((u) => u.channel.startsWith(prefix)).map((u) => [u.channel.slice(prefix.length), u.messages]),
  );
  return { orders: [orders?.messages, orders?.violations], undocumented };
}

/**
 * Three instances, each with its own database connection, broker and subscriber connections and lease attempts,
 * on one PostgreSQL database and one Redis (a server or a cluster): every message is counted once, through a
 * graceful handover, a crash and a restart.
 */
function countsOnce(
  name: string,
  setup: () => Promise<{ target: BrokerTarget; prefix: string; stop(): Promise<void> }>,
  { reorderedAtSeam }: { reorderedAtSeam: number },
): void {
  describe(`traffic counted once by three instances on ${name}`, { skip: adminUrl ? false : 'TEST_DATABASE_URL is not set' }, () => {
    let redis: { target: BrokerTarget; prefix: string; stop(): Promise<void> };
    let fresh: { url: string; drop(): Promise<void> };
    let publisher: BrokerConnection;
    let keys: TrafficKeys;
    const databases: Database[] = [];
    const running = new Map<string, CountingInstance>();

    async function start(instance: string): Promise<CountingInstance> {
      const database = await openDatabase({ url: fresh.url });
      databases.push(database);
      const catalogue = createCatalogue({ db: database.prisma, validator: { validate: validateDocument }, instanceId: instance });
      const installation = await installationId(database.prisma);
      keys ??= trafficKeys(installation);
      assert.equal(trafficKeys(installation).lease, keys.lease, 'every instance on the database has one installation id');
      const started = await startCountingInstance({
        target: redis.target,
        catalogue,
        keys,
        name: `${redis.prefix}${instance}`,
        observePattern: `${redis.prefix}*`,
        leaseMs: LEASE_MS,
        flushMs: 50,
      });
      running.set(instance, started);
      return started;
    }
    const counting = (): CountingInstance[] => [...running.values()].filter((i) => i.monitor.counting());
    async function oneCounts(what: string): Promise<CountingInstance> {
      await waitUntil(() => counting().length === 1, what, 3 * LEASE_MS + 2_000);
      const [holder] = counting();
      assert.equal(await leaseHolder(publisher.redis, keys), holder!.name);
      return holder!;
    }
    async function publish(channel: string, payload: string, times: number, gapMs = 0): Promise<void> {
      for (let i = 0; i < times; i++) {
        await publisher.redis.publish(`${redis.prefix}${channel}`, payload);
        if (gapMs > 0) await new Promise((resolve) => setTimeout(resolve, gapMs));
      }
    }
    /** Waits until every running instance reads `expected`, then checks that it stays so (no late second count). */
    async function everyoneReads(expected: ReturnType<typeof tally>, what: string): Promise<void> {
      const reads = async () => Promise.all([...running.values()].map(async (i) => tally(await i.monitor.snapshot(), redis.prefix)));
      await waitUntil(async () => (await reads()).every((read) => isDeepStrictEqual(read, expected)), what);
      await new Promise((resolve) => setTimeout(resolve, 300));
      for (const read of await reads()) assert.deepEqual(read, expected, what);
    }

    before(async () => {
      redis = await setup();
      fresh = await createPostgresDatabase(adminUrl ?? '', 'portal_count_once');
      const setupDb = await openDatabase({ url: fresh.url });
      await setupDb.migrate();
      await createCatalogue({ db: setupDb.prisma, validator: { validate: validateDocument } }).register(documentFor(redis.prefix));
      await setupDb.close();
      publisher = connectBroker(redis.target, { connectionName: 'count-once-publisher' });
      await once(publisher.redis, 'ready');
    });
    after(async () => {
      for (const instance of running.values()) await instance.stop();
      for (const database of databases) await database.close();
      await publisher?.close();
      await fresh?.drop();
      await redis?.stop();
    });

    test('N messages are counted N times, through a handover, a crash and a restart', async (t) => {
      for (const instance of ['a', 'b', 'c']) await start(instance);
      const first = await oneCounts('one instance of three to count');

      await publish('orders/1', '{"id":1}', 6);
      await publish('orders/2', '{}', 3);
      await publish('unknown', 'hello', 3);
      await everyoneReads({ orders: [9, 3], undocumented: { unknown: 3 } }, 'every instance to read 9 orders and 3 undocumented');

      // A graceful stop hands the lease on. Each message streamed meanwhile has a channel of its own, so the counts
      // say which ones were counted: each at most once, and those left out one run, the handover's window. The others
      // are held back, so the one that takes the lease (at its own tick, not hearing the release) still has messages
      // the first counted ahead of it: only its handover message keeps it from counting those again.
      assert.ok(STREAMED + 1 <= MAX_UNDOCUMENTED_CHANNELS, 'every streamed channel is kept, with `unknown`');
      const resume = [...running.values()].filter((i) => i !== first).map((i) => i.holdBack());
      let published = 0;
      const streaming = (async () => {
        for (; published < STREAMED; published++) await publish(`stream/${published}`, 'x', 1, 5);
      })();
      await waitUntil(() => published >= 20, 'the stream to begin');
      await first.stop();
      running.delete([...running].find(([, i]) => i === first)![0]);
      await waitUntil(async () => (await leaseHolder(publisher.redis, keys)) !== null, 'an instance behind the stream to take the lease');
      resume.forEach((release) => release());
      const second = await oneCounts('another instance to take over');
      await streaming;
      await publish('orders/1', '{"id":1}', 4);
      await waitUntil(async () => tally(await second.monitor.snapshot(), redis.prefix).orders[0] === 13, '4 more orders');
      const { unknown, ...streamed } = tally(await second.monitor.snapshot(), redis.prefix).undocumented;
      assert.equal(unknown, 3);
      const counts = Array.from({ length: STREAMED }, (_, i) => streamed[`stream/${i}`] ?? 0);
      assert.equal(Object.keys(streamed).length, counts.filter((count) => count > 0).length, 'no other channel was counted');
      const twice = counts.flatMap((count, i) => (count > 1 ? [`stream/${i} ${count} times`] : []));
      assert.deepEqual(twice, [], 'no streamed message is counted twice');
      const missed = counts.flatMap((count, i) => (count === 0 ? [i] : []));
      const window = missed.length === 0 ? 'none' : `stream/${missed[0]} to stream/${missed.at(-1)}`;
      // Counted messages inside the window: none on one server. On a cluster the handover message and the stream are
      // published on different nodes, and Redis orders pub/sub across nodes only per publisher, so a few streamed
      // close to the new holder's handover message can reach it on the other side of that message: the window's end
      // then has a few counted among the uncounted. None is counted twice either way.
      const counted =
        missed.length === 0 ? [] : counts.slice(missed[0], missed.at(-1)! + 1).flatMap((count, i) => (count > 0 ? [missed[0]! + i] : []));
      assert.ok(
        counted.length <= reorderedAtSeam && counted.every((i) => i >= missed.at(-1)! - 2 * reorderedAtSeam),
        `the uncounted are one run, but for ${reorderedAtSeam} reordered at its end (${missed.join(', ')})`,
      );
      assert.ok(missed.length < STREAMED, 'the new holder counts the rest of the stream');
      t.diagnostic(`${missed.length} of the ${STREAMED} messages streamed during the handover were not counted (${window})`);
      const stream = { unknown: 3, ...streamed };
      await everyoneReads({ orders: [13, 3], undocumented: stream }, 'every instance to read 13 orders');

      // A crash leaves the lease to lapse: the last instance takes over within a lease and a renewal tick.
      await second.kill();
      running.delete([...running].find(([, i]) => i === second)![0]);
      await oneCounts('the last instance to take over from the crashed one');
      await publish('orders/2', '{}', 2);
      await everyoneReads({ orders: [15, 5], undocumented: stream }, 'the last instance to read 15 orders');

      // A restarted instance reads the counts as they are: nothing lived in the old process.
      const restarted = await start('a-restarted');
      assert.deepEqual(tally(await restarted.monitor.snapshot(), redis.prefix), { orders: [15, 5], undocumented: stream });
      assert.equal(restarted.monitor.counting(), false, 'the holder keeps the lease');
    });
  });
}

countsOnce(
  'one Redis server',
  async () => {
    const server: TestRedis = await useRedis();
    return { target: { kind: 'server', url: server.url }, prefix: server.prefix, stop: () => server.stop() };
  },
  { reorderedAtSeam: 0 },
);

countsOnce(
  'a Redis Cluster',
  async () => {
    const cluster: RunningRedisCluster = await startRedisCluster();
    return { target: cluster.target(), prefix: 'cluster.', stop: () => cluster.stop() };
  },
  { reorderedAtSeam: 8 },
);
