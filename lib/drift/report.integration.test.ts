import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { Redis } from 'ioredis';
import { useRedis, type TestRedis } from '../../testing/redis.ts';
import { freePort } from '../../testing/services.ts';
import { connectBroker } from '../broker/redis.ts';
import type { CataloguedChannelTraffic, TrafficSnapshot } from '../conformance/traffic.ts';
import { driftReport } from './report.ts';
import { subscriberCounter } from './subscribers.ts';

const NOW = Date.parse('2026-11-23T12:00:00Z');
const MINUTE = 60_000;

function catalogued(address: string, lastSeen: number | null): CataloguedChannelTraffic {
  return {
    slug: 'shop',
    version: '1.0.0',
    title: 'Shop',
    channelKey: address,
    address,
    messages: lastSeen ? 3 : 0,
    violations: 0,
    lastSeen,
  };
}

/** The traffic of a portal whose catalogued addresses start with `p`, so no other test's subscribers are counted. */
const snapshotOf = (p: string): TrafficSnapshot => ({
  since: NOW - 120 * MINUTE,
  catalogued: [
    catalogued(`${p}orders.created`, NOW - 1 * MINUTE),
    catalogued(`${p}orders.shipped`, NOW - 90 * MINUTE),
    catalogued(`${p}orders.cancelled`, null),
    catalogued(`${p}greenhouse/{zone}/reading`, null),
  ],
  undocumented: [
    { channel: 'orders.refunded', messages: 2, lastSeen: NOW - 5 * MINUTE, samplePayload: '{"orderId":"o-1"}', sampleBytes: 17 },
    { channel: 'debug', messages: 1, lastSeen: NOW - 1 * MINUTE, samplePayload: 'ping', sampleBytes: 4 },
  ],
});

describe('drift report', () => {
  let redis: TestRedis;
  let client: Redis;
  let p: string;
  let snapshot: TrafficSnapshot;
  before(async () => {
    redis = await useRedis();
    p = redis.prefix;
    snapshot = snapshotOf(p);
    client = redis.connect();
    await redis.connect().subscribe(`${p}orders.created`);
  });
  after(() => redis.stop());

  test('lists silent catalogued channels for the window, undocumented ones, and those nobody subscribes to', async () => {
    const report = await driftReport(snapshot, { windowMs: 60 * MINUTE, countSubscribers: subscriberCounter(client), now: NOW });
    assert.deepEqual(
      report.undocumented.map((u) => u.channel),
      ['debug', 'orders.refunded'],
    );
    assert.deepEqual(
      report.silent.map((c) => c.address),
      [`${p}greenhouse/{zone}/reading`, `${p}orders.cancelled`, `${p}orders.shipped`],
    );
    assert.deepEqual(
      report.unsubscribed?.map((c) => c.address),
      [`${p}orders.shipped`, `${p}orders.cancelled`],
    );
    assert.equal(report.parameterisedNotChecked, 1);
    assert.equal(report.brokerError, undefined);
  });

  test('a wider window makes fewer channels silent', async () => {
    const report = await driftReport(snapshot, { windowMs: 120 * MINUTE, countSubscribers: subscriberCounter(client), now: NOW });
    assert.deepEqual(
      report.silent.map((c) => c.address),
      [`${p}greenhouse/{zone}/reading`, `${p}orders.cancelled`],
    );
  });

  test('with the broker down the rest of the report still comes back, with the reason', async () => {
    const dead = connectBroker(`redis://127.0.0.1:${await freePort()}`);
    const report = await driftReport(snapshot, { windowMs: 60 * MINUTE, countSubscribers: subscriberCounter(dead.redis), now: NOW });
    await dead.close();
    assert.equal(report.unsubscribed, null);
    assert.ok(report.brokerError);
    assert.equal(report.silent.length, 3);
  });
});
