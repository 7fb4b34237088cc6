import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, describe, test } from 'node:test';
import type { Redis } from 'ioredis';
import { validateDocument } from '../../asyncapi/validate.ts';
import { openDatabase, type Database } from '../../prisma/db.ts';
import { readExample } from '../../testing/examples.ts';
import { useRedis, type TestRedis } from '../../testing/redis.ts';
import { dropTraffic, startCountingInstance } from '../../testing/traffic.ts';
import { waitUntil } from '../../testing/wait.ts';
import { trafficKeys } from '../traffic/keys.ts';
import { createCatalogue, type Catalogue } from '../catalogue.ts';
import type { Conformance, TailMessage } from '../live/events.ts';
import { resolveConformance } from '../common/conformance.ts';
import type { TrafficSnapshot } from './traffic.ts';

const messagesOf = (snapshot: TrafficSnapshot, channelKey: string): number | undefined =>
  snapshot.catalogued.find((c) => c.channelKey === channelKey)?.messages;

/** A received message with its conformance joined to its batch's catalogue, as the browser shows it. */
type Shown = Omit<TailMessage, 'conformance'> & { conformance?: Conformance };

const reading = (sensorId: string) => JSON.stringify({ sensorId, temperature: 20.5, measuredAt: '2026-11-23T10:00:00Z' });

/** A portal's live path on a random port: catalogue, conformance monitor counting into Redis, bridge; one per observe pattern. */
async function startPortal(redis: TestRedis, connectionName: string, catalogue: Catalogue, observePattern: string) {
  const keys = trafficKeys(randomUUID());
  const instance = await startCountingInstance({
    target: { kind: 'server', url: redis.url },
    catalogue,
    keys,
    name: connectionName,
    observePattern,
    flushMs: 20,
    queueOptions: { capacity: 100, batchSize: 20, flushIntervalMs: 5, maxInFlight: 2 },
  });
  const { monitor, live } = instance;
  await waitUntil(() => monitor.counting(), 'the instance to count traffic');
  return {
    monitor,
    keys,
    async tail(patterns: string[]): Promise<Shown[]> {
      const client = live.connect();
      const received: Shown[] = [];
      client.on('tail:batch', (batch, ack) => {
        for (const { conformance, ...message } of batch.messages) {
          received.push(conformance ? { ...message, conformance: resolveConformance(conformance, batch.catalogue) } : message);
        }
        ack();
      });
      assert.deepEqual(await client.emitWithAck('tail:subscribe', { patterns }), { ok: true, patterns });
      return received;
    },
    async stop(): Promise<void> {
      await instance.stop();
      await dropTraffic(redis.connect(), keys);
    },
  };
}

describe('live conformance: real Redis, database and Socket.IO', () => {
  let redis: TestRedis;
  let database: Database;
  let catalogue: Catalogue;
  let publisher: Redis;

  before(async () => {
    redis = await useRedis();
    database = await openDatabase({ pgliteDir: 'memory://' });
    await database.migrate();
    catalogue = createCatalogue({ db: database.prisma, validator: { validate: validateDocument } });
    for (const example of ['greenhouse-sensors.yaml', 'user-signup-v2.yaml']) await catalogue.register(await readExample(example));
    publisher = redis.connect();
  });

  after(async () => {
    await database?.close();
    await redis?.stop();
  });

  const subscriberName = (): string => `${redis.prefix}conformance`;
  /** The portal's PSUBSCRIBEs: its subscriber connection's pattern count, blind to other clients of the server. */
  const numpat = (): Promise<number> => redis.patternCount(subscriberName());

  test('badges each message and counts traffic per channel, even before any browser connects', async () => {
    const portal = await startPortal(redis, subscriberName(), catalogue, '*');
    try {
      await waitUntil(async () => (await numpat()) === 1, 'the observer PSUBSCRIBE');
      await publisher.publish('greenhouse/north/sensor/s-1/reading', reading('s-1'));
      await waitUntil(
        async () => (await portal.monitor.snapshot()).catalogued.some((c) => c.messages === 1),
        'traffic seen with no client',
      );

      const tail = await portal.tail(['greenhouse/*', 'user/*']);
      assert.equal(await numpat(), 1, 'client patterns the observer covers need no PSUBSCRIBE of their own');
      await publisher.publish('greenhouse/north/sensor/s-17/reading', reading('s-17'));
      await publisher.publish('greenhouse/south/sensor/s-2/reading', '{"sensorId":2}');
      await publisher.publish('greenhouse/north/door', '{"open":true}');
      await publisher.publish(
        'user/5f0c2a9e-8a4e-4c3b-9a55-2b1c6f6f1a11/signedup',
        '{"userId":"5f0c2a9e-8a4e-4c3b-9a55-2b1c6f6f1a11","email":"a@example.com"}',
      );
      await waitUntil(() => tail.length === 4, 'four messages in the tail');

      const [conforming, violating, undocumented, signup] = tail;
      assert.equal(conforming?.conformance?.status, 'conforms');
      assert.deepEqual(conforming?.conformance?.params, { zone: 'north', sensorId: 's-17' });
      assert.deepEqual(conforming?.conformance?.document, {
        slug: 'greenhouse-sensors',
        version: '2.1.0',
        title: 'Greenhouse Sensors',
        status: 'released',
      });
      assert.equal(conforming?.pattern, 'greenhouse/*');
      assert.equal(violating?.conformance?.status, 'violates');
      assert.deepEqual(violating?.conformance?.errors, [
        { path: '', message: "must have required property 'measuredAt'" },
        { path: '/sensorId', message: 'must be string' },
      ]);
      assert.deepEqual(undocumented?.conformance, { status: 'undocumented' });
      assert.equal(signup?.conformance?.status, 'conforms');
      assert.equal(signup?.conformance?.channel?.key, 'user/{userId}/signedup');

      await waitUntil(async () => messagesOf(await portal.monitor.snapshot(), 'sensorReading') === 3, 'the counts in Redis');
      const snapshot = await portal.monitor.snapshot();
      const sensor = snapshot.catalogued.find((c) => c.channelKey === 'sensorReading');
      assert.deepEqual(sensor && [sensor.messages, sensor.violations], [3, 1]);
      assert.ok((sensor?.lastSeen ?? 0) >= snapshot.since);
      const alert = snapshot.catalogued.find((c) => c.channelKey === 'zoneAlert');
      assert.deepEqual(alert && [alert.messages, alert.lastSeen], [0, null]);
      assert.deepEqual(
        snapshot.undocumented.map((u) => [u.channel, u.messages, u.samplePayload]),
        [['greenhouse/north/door', 1, '{"open":true}']],
      );
    } finally {
      await portal.stop();
    }
  });

  test('a message several patterns match is checked and counted once, and each client gets it once', async () => {
    const portal = await startPortal(redis, subscriberName(), catalogue, '');
    try {
      const a = await portal.tail(['greenhouse/*', '*/reading']);
      const b = await portal.tail(['*/reading']);
      await waitUntil(async () => (await numpat()) === 2, 'two client PSUBSCRIBEs');
      for (let i = 0; i < 5; i++) await publisher.publish('greenhouse/east/sensor/s-3/reading', i % 2 ? '{}' : reading('s-3'));
      await waitUntil(() => a.length === 5 && b.length === 5, 'each client gets each message once');
      await new Promise((r) => setTimeout(r, 50));
      assert.equal(a.length + b.length, 10);
      assert.deepEqual(
        a.map((m) => m.conformance?.status),
        ['conforms', 'violates', 'conforms', 'violates', 'conforms'],
      );
      assert.deepEqual(
        b.map((m) => m.conformance?.status),
        a.map((m) => m.conformance?.status),
      );
      await waitUntil(async () => messagesOf(await portal.monitor.snapshot(), 'sensorReading') === 5, 'the counts in Redis');
      await new Promise((r) => setTimeout(r, 100));
      const sensor = (await portal.monitor.snapshot()).catalogued.find((c) => c.channelKey === 'sensorReading');
      assert.deepEqual(sensor && [sensor.messages, sensor.violations], [5, 2]);
    } finally {
      await portal.stop();
    }
    await waitUntil(async () => (await numpat()) === 0, 'PUNSUBSCRIBE after the clients left');
  });

  test('with a narrower observed pattern, covered client patterns ride on it and others overlap it without double counts', async () => {
    const portal = await startPortal(redis, subscriberName(), catalogue, 'greenhouse/*');
    try {
      const covered = await portal.tail(['greenhouse/north/*']);
      const uncovered = await portal.tail(['*/reading']);
      await waitUntil(async () => (await numpat()) === 2, 'the observer and the uncovered pattern');
      await publisher.publish('greenhouse/north/sensor/s-4/reading', '{}');
      await publisher.publish('greenhouse/north/alert', '{"zone":"north","kind":"too-hot","value":41}');
      await publisher.publish('garden/reading', '{}');
      await waitUntil(() => covered.length === 2 && uncovered.length === 2, 'each client’s share');
      await new Promise((r) => setTimeout(r, 50));
      assert.deepEqual(
        covered.map((m) => [m.channel, m.pattern, m.conformance?.status]),
        [
          ['greenhouse/north/sensor/s-4/reading', 'greenhouse/north/*', 'violates'],
          ['greenhouse/north/alert', 'greenhouse/north/*', 'conforms'],
        ],
      );
      assert.deepEqual(
        uncovered.map((m) => [m.channel, m.pattern, m.conformance?.status]),
        [
          ['greenhouse/north/sensor/s-4/reading', '*/reading', 'violates'],
          ['garden/reading', '*/reading', 'undocumented'],
        ],
      );
      await waitUntil(async () => (await portal.monitor.snapshot()).undocumented.length === 1, 'the counts in Redis');
      await new Promise((r) => setTimeout(r, 100));
      const snapshot = await portal.monitor.snapshot();
      const count = (key: string) => messagesOf(snapshot, key);
      assert.deepEqual([count('sensorReading'), count('zoneAlert')], [1, 1], 'the reading arrived under two patterns and counts once');
      assert.deepEqual(
        snapshot.undocumented.map((u) => u.channel),
        ['garden/reading'],
      );
    } finally {
      await portal.stop();
    }
  });

  test('the traffic handover channel never shows in a tail of every channel, nor counts', async () => {
    const portal = await startPortal(redis, subscriberName(), catalogue, '*');
    try {
      const tail = await portal.tail(['*']);
      await waitUntil(async () => (await numpat()) === 1, 'the observer PSUBSCRIBE');
      await publisher.publish(portal.keys.handover, 'released');
      await publisher.publish(`${redis.prefix}after-handover`, '{}');
      await waitUntil(() => tail.some((m) => m.channel === `${redis.prefix}after-handover`), 'the message after it');
      assert.deepEqual(
        tail.filter((m) => m.channel.startsWith('event-portal:')),
        [],
      );
      await waitUntil(async () => (await portal.monitor.snapshot()).undocumented.length > 0, 'the counts in Redis');
      assert.ok(!(await portal.monitor.snapshot()).undocumented.some((u) => u.channel.startsWith('event-portal:')));
    } finally {
      await portal.stop();
    }
  });

  test('a newly registered document is checked from then on', async () => {
    const portal = await startPortal(redis, subscriberName(), catalogue, '*');
    try {
      const tail = await portal.tail(['orderCreated']);
      await waitUntil(async () => (await numpat()) === 1, 'the observer PSUBSCRIBE');
      await publisher.publish('orderCreated', '{}');
      await waitUntil(() => tail.length === 1, 'the first message');
      assert.equal(tail[0]?.conformance?.status, 'undocumented');
      await waitUntil(
        async () => (await portal.monitor.snapshot()).undocumented.some((u) => u.channel === 'orderCreated'),
        'the undocumented channel in Redis',
      );
      await catalogue.register(await readExample('ecommerce-orders.yaml'));
      await portal.monitor.reload();
      assert.ok(
        !(await portal.monitor.snapshot()).undocumented.some((u) => u.channel === 'orderCreated'),
        'documented now, so no longer listed as undocumented',
      );
      assert.equal(await publisher.zscore(portal.keys.undocumented, 'orderCreated'), null, 'nor kept in Redis');
      await publisher.publish('orderCreated', '{}');
      await waitUntil(() => tail.length === 2, 'the second message');
      assert.equal(tail[1]?.conformance?.status, 'violates');
      assert.equal(tail[1]?.conformance?.document?.slug, 'e-commerce-order-events');

      // Deprecating the version flags its traffic from then on.
      await catalogue.setStatus('e-commerce-order-events', '1.0.0', 'deprecated');
      await portal.monitor.reload();
      await publisher.publish('orderCreated', '{}');
      await waitUntil(() => tail.length === 3, 'the third message');
      assert.equal(tail[2]?.conformance?.document?.status, 'deprecated');
    } finally {
      await portal.stop();
    }
  });

  test('whole snapshots asked for within a second share one read of Redis; a document’s own are read each time', async () => {
    const portal = await startPortal(redis, subscriberName(), catalogue, '*');
    try {
      await waitUntil(async () => (await numpat()) === 1, 'the observer PSUBSCRIBE');
      const channel = `${redis.prefix}shared-read`;
      const undocumented = async () => (await portal.monitor.snapshot()).undocumented.find((u) => u.channel === channel)?.messages ?? 0;
      await publisher.publish(channel, 'x');
      await publisher.publish('greenhouse/north/sensor/s-9/reading', reading('s-9'));
      // The document's own counts are read fresh: the message shows there while the whole snapshot is still shared.
      await waitUntil(
        async () => messagesOf(await portal.monitor.snapshot({ slug: 'greenhouse-sensors' }), 'sensorReading') === 1,
        'the reading counted',
      );
      const [one, other] = await Promise.all([portal.monitor.snapshot(), portal.monitor.snapshot()]);
      assert.equal(one, other, 'callers at once share one read');
      await waitUntil(async () => (await undocumented()) === 1, 'a later whole snapshot with the new channel', 5_000);
    } finally {
      await portal.stop();
    }
  });
});
