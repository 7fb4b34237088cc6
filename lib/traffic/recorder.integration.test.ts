import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, afterEach, before, describe, test } from 'node:test';
import type { Redis } from 'ioredis';
import { indexedExample } from '../../testing/indexed-example.ts';
import { useRedis, type TestRedis } from '../../testing/redis.ts';
import { dropTraffic } from '../../testing/traffic.ts';
import { waitUntil } from '../../testing/wait.ts';
import { connectSubscriber, type SubscriberConnection } from '../broker/redis.ts';
import { ConformanceChecker } from '../conformance/checker.ts';
import { trafficKeys, type TrafficKeys } from './keys.ts';
import { leaseHolder, leaseToken } from './lease.ts';
import { readTraffic } from './reader.ts';
import { startTrafficRecorder, type TrafficRecorder } from './recorder.ts';

const READING = 'greenhouse/north/sensor/s-1/reading';
const PAYLOAD = Buffer.from(JSON.stringify({ sensorId: 's-1', temperature: 20, measuredAt: '2026-11-23T10:00:00Z' }));
const LEASE_MS = 600;

/** A recorder whose handover messages reach it only when the test lets them (`deliver`), as a lagging bridge would. */
interface HeldRecorder {
  recorder: TrafficRecorder;
  /** Handover messages heard and not yet handed on. */
  held: Buffer[];
  deliver(): void;
  stop(): Promise<void>;
}

describe('one recorder counts, from the point in the stream where it took over', () => {
  let redis: TestRedis;
  let client: Redis;
  let checker: ConformanceChecker;
  let keys: TrafficKeys;
  const stops: (() => Promise<void>)[] = [];

  before(async () => {
    redis = await useRedis();
    client = redis.connect();
    checker = new ConformanceChecker();
    checker.load(await indexedExample('greenhouse-sensors.yaml'));
  });
  afterEach(async () => {
    for (const stop of stops.splice(0)) await stop();
    await dropTraffic(client, keys);
  });
  after(() => redis?.stop());

  function startHeld(name: string, passOn: boolean): HeldRecorder {
    const subscriber: SubscriberConnection = connectSubscriber(redis.url, { connectionName: `${redis.prefix}${name}` });
    const recorder = startTrafficRecorder({
      redis: client,
      subscriber: subscriber.redis,
      keys,
      instanceId: name,
      leaseMs: LEASE_MS,
      flushMs: 20,
    });
    const held: Buffer[] = [];
    const deliver = (): void => void held.splice(0).forEach((payload) => recorder.handover(keys.handover, payload));
    subscriber.redis.on('messageBuffer', (_channel: Buffer, payload: Buffer) => {
      held.push(payload);
      if (passOn) deliver();
    });
    const stop = async (): Promise<void> => {
      await recorder.stop();
      await subscriber.close();
    };
    stops.push(stop);
    return { recorder, held, deliver, stop };
  }
  const record = (recorder: TrafficRecorder, times: number): void => {
    for (let i = 0; i < times; i++) recorder.record(checker.inspect(READING, PAYLOAD), READING, PAYLOAD, Date.now());
  };
  const counted = async (): Promise<number | undefined> =>
    (await readTraffic(client, keys, checker.channels)).catalogued.find((c) => c.channelKey === 'sensorReading')?.messages;

  test('a new holder does not count what it inspects before its own handover message comes back', async () => {
    keys = trafficKeys(randomUUID());
    const a = startHeld('a', true);
    await waitUntil(() => a.recorder.counting(), 'A to count');
    record(a.recorder, 5);
    await waitUntil(async () => (await counted()) === 5, 'A’s five messages in Redis');

    const b = startHeld('b', false);
    await a.stop();
    await waitUntil(() => b.held.length > 0, 'B to take the lease and announce itself');
    assert.equal(await leaseHolder(client, keys), 'b');
    assert.equal(b.recorder.counting(), false);
    // B's bridge is behind: A counted these five already, and B inspects them only now.
    record(b.recorder, 5);
    b.deliver();
    assert.equal(b.recorder.counting(), true);
    record(b.recorder, 3);
    await waitUntil(async () => (await counted()) === 8, 'B’s three new messages in Redis');
    await new Promise((resolve) => setTimeout(resolve, 100));
    assert.equal(await counted(), 8, 'the five A counted are not counted again');
  });

  test('a holder whose lease was taken stops counting, its unsent counts dropped, until it holds the lease again', async () => {
    keys = trafficKeys(randomUUID());
    const a = startHeld('a', true);
    await waitUntil(() => a.recorder.counting(), 'A to count');
    await client.set(keys.lease, leaseToken('thief'), 'PX', LEASE_MS);
    record(a.recorder, 4);
    await waitUntil(() => !a.recorder.counting(), 'A to notice at its next flush or renewal');
    record(a.recorder, 2);
    assert.equal(await counted(), 0, 'nothing counted under a lease A no longer holds');
    // The thief's lease lapses unrenewed: A takes it again and counts from its new handover.
    await waitUntil(() => a.recorder.counting(), 'A to hold the lease again', 5_000);
    record(a.recorder, 1);
    await waitUntil(async () => (await counted()) === 1, 'the one message counted since');
  });

  test('a holder that never hears its own handover gives the lease up for another instance', async () => {
    keys = trafficKeys(randomUUID());
    const deaf = startHeld('deaf', false);
    await waitUntil(async () => (await leaseHolder(client, keys)) === 'deaf', 'the deaf instance to take the lease');
    const hearing = startHeld('hearing', true);
    await waitUntil(() => hearing.recorder.counting(), 'the instance that hears to take over', 5_000);
    assert.equal(deaf.recorder.counting(), false);
    assert.equal(await leaseHolder(client, keys), 'hearing');
  });

  test('stopping sends what was counted and releases the lease at once', async () => {
    keys = trafficKeys(randomUUID());
    const a = startHeld('a', true);
    await waitUntil(() => a.recorder.counting(), 'A to count');
    record(a.recorder, 7);
    await a.stop();
    assert.equal(await counted(), 7);
    assert.equal(await leaseHolder(client, keys), null);
  });
});
