import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, test } from 'node:test';
import type { Redis } from 'ioredis';
import { useRedis, type TestRedis } from '../../testing/redis.ts';
import { trafficKeys, TRAFFIC_TTL_MS } from './keys.ts';
import { acquireLease, leaseHolder, leaseToken, releaseLease, renewLease } from './lease.ts';

let redis: TestRedis;
let client: Redis;

before(async () => {
  redis = await useRedis();
  client = redis.connect();
});
after(() => redis?.stop());

test('one instance holds the lease; only it renews or releases it, and then another may take it', async () => {
  const keys = trafficKeys(randomUUID());
  const a = leaseToken('host-a:1:aa');
  const b = leaseToken('host-b:2:bb');
  assert.equal(await leaseHolder(client, keys), null);
  assert.equal(await acquireLease(client, keys, a, 5_000), true);
  assert.equal(await acquireLease(client, keys, b, 5_000), false, 'held already');
  assert.equal(await leaseHolder(client, keys), 'host-a:1:aa');
  assert.equal(await renewLease(client, keys, b, 5_000), false, 'not its lease to renew');
  assert.equal(await releaseLease(client, keys, b), false, 'nor to release');
  assert.equal(await client.get(keys.lease), a);
  assert.equal(await renewLease(client, keys, a, 60_000), true);
  assert.ok((await client.pttl(keys.lease)) > 5_000, 'renewing extends it');
  assert.equal(await releaseLease(client, keys, a), true);
  assert.equal(await leaseHolder(client, keys), null);
  assert.equal(await acquireLease(client, keys, b, 5_000), true);
  assert.equal(await renewLease(client, keys, a, 5_000), false, 'a former holder cannot take it back by renewing');
});

test('a lease that is not renewed lapses, and another instance takes it', async () => {
  const keys = trafficKeys(randomUUID());
  const a = leaseToken('a');
  assert.equal(await acquireLease(client, keys, a, 150), true);
  assert.equal(await acquireLease(client, keys, leaseToken('b'), 150), false);
  await new Promise((resolve) => setTimeout(resolve, 250));
  assert.equal(await renewLease(client, keys, a, 150), false, 'lapsed');
  assert.equal(await acquireLease(client, keys, leaseToken('b'), 150), true);
});

test('taking the lease starts the counting period once, kept for 30 days', async () => {
  const keys = trafficKeys(randomUUID());
  const before = Date.now();
  await acquireLease(client, keys, leaseToken('a'), 100);
  const since = Number(await client.get(keys.since));
  assert.ok(since >= before && since <= Date.now());
  const ttl = await client.pttl(keys.since);
  assert.ok(ttl > TRAFFIC_TTL_MS - 60_000 && ttl <= TRAFFIC_TTL_MS, `since expires in 30 days (${ttl} ms)`);
  await new Promise((resolve) => setTimeout(resolve, 150));
  await acquireLease(client, keys, leaseToken('b'), 100);
  assert.equal(Number(await client.get(keys.since)), since, 'a new holder continues the same period');
});

test('tokens differ for each tenure of the same instance', () => {
  assert.notEqual(leaseToken('a'), leaseToken('a'));
  assert.match(leaseToken('host:1:ab'), /^host:1:ab#[0-9a-f]{12}$/);
});
