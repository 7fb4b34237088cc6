import assert from 'node:assert/strict';
import { once } from 'node:events';
import { after, before, describe, test } from 'node:test';
import { startRedisCluster, type RunningRedisCluster } from '../../testing/redis-cluster.ts';
import { freePort } from '../../testing/services.ts';
import { useRedis, type TestRedis } from '../../testing/redis.ts';
import { connectBroker, type BrokerConnection } from '../broker/redis.ts';
import type { Admission } from './failure-limiter.ts';
import { createRedisFailureLimiter, SIGN_IN_KEY_PREFIX } from './redis-failure-limiter.ts';

const refusedFor = (admission: Admission): number => (admission.admitted ? 0 : admission.retryAfter);

describe('the sign-in failure limiter on Redis', () => {
  let redis: TestRedis;
  // Two portals' command connections to one Redis.
  let portalA: BrokerConnection;
  let portalB: BrokerConnection;
  let run = 0;
  /** A namespace of its own per test, so no test sees another's counts. */
  const fresh = () => `${redis.prefix}${++run}.`;

  before(async () => {
    redis = await useRedis();
    portalA = connectBroker(redis.url, { connectionName: `${redis.prefix}a` });
    portalB = connectBroker(redis.url, { connectionName: `${redis.prefix}b` });
    await Promise.all([once(portalA.redis, 'ready'), once(portalB.redis, 'ready')]);
  });

  after(async () => {
    const leftover = await redis.connect().keys(`${SIGN_IN_KEY_PREFIX}${redis.prefix}*`);
    if (leftover.length > 0) await redis.connect().del(...leftover);
    await portalA.close();
    await portalB.close();
    await redis.stop();
  });

  test('two portals on one Redis together refuse the 11th failure of an address, and of an email', async () => {
    const namespace = fresh();
    const a = createRedisFailureLimiter({ redis: portalA.redis, namespace });
    const b = createRedisFailureLimiter({ redis: portalB.redis, namespace });
    for (let i = 0; i < 10; i++) {
      const limiter = i % 2 === 0 ? a : b;
      assert.equal((await limiter.admit(['address:198.51.100.7', `email:guess${i}@example.com`])).admitted, true, `failure ${i + 1}`);
    }
    for (const limiter of [a, b]) {
      const refused = refusedFor(await limiter.admit(['address:198.51.100.7', 'email:someone@example.com']));
      assert.ok(refused > 0 && refused <= 60, `refused for ${refused} s`);
    }
    for (let i = 0; i < 10; i++) await (i < 5 ? a : b).admit([`address:203.0.113.${i}`, 'email:admin@example.com']);
    assert.ok(refusedFor(await b.admit(['address:203.0.113.99', 'email:admin@example.com'])) > 0, 'the email, from a new address');
    assert.equal((await a.admit(['address:198.51.100.8', 'email:other@example.com'])).admitted, true, 'others are not refused');
  });

  test('attempts sent at once to both portals are counted as if one by one: exactly 10 get through', async () => {
    const namespace = fresh();
    const limiters = [portalA, portalB].map((portal) => createRedisFailureLimiter({ redis: portal.redis, namespace }));
    const admissions = await Promise.all(
      Array.from({ length: 20 }, (_, i) => limiters[i % 2]!.admit([`address:198.51.100.${i}`, 'email:admin@example.com'])),
    );
    assert.equal(admissions.filter((admission) => admission.admitted).length, 10);
  });

  test('forgive takes back exactly its own attempt, on whichever portal it was counted', async () => {
    const namespace = fresh();
    const a = createRedisFailureLimiter({ redis: portalA.redis, limits: { max: 2, windowMs: 60_000 }, namespace });
    const b = createRedisFailureLimiter({ redis: portalB.redis, limits: { max: 2, windowMs: 60_000 }, namespace });
    const first = await a.admit(['address:192.0.2.1']);
    assert.equal((await b.admit(['address:192.0.2.1'])).admitted, true);
    assert.ok(first.admitted);
    await b.forgive(['address:192.0.2.1'], first.ticket);
    await b.forgive(['address:192.0.2.1'], first.ticket);
    assert.equal((await a.admit(['address:192.0.2.1'])).admitted, true, 'one failure was taken back');
    assert.equal((await a.admit(['address:192.0.2.1'])).admitted, false, 'forgiving twice takes back only one');
  });

  test('a refused attempt counts against none of its keys', async () => {
    const namespace = fresh();
    const limiter = createRedisFailureLimiter({ redis: portalA.redis, limits: { max: 1, windowMs: 60_000 }, namespace });
    await limiter.admit(['email:x@example.com']);
    assert.equal((await limiter.admit(['address:192.0.2.2', 'email:x@example.com'])).admitted, false);
    assert.equal((await limiter.admit(['address:192.0.2.2', 'email:y@example.com'])).admitted, true);
  });

  test('failures leave the window as it slides, and their keys expire with it', async () => {
    const namespace = fresh();
    const limiter = createRedisFailureLimiter({ redis: portalA.redis, limits: { max: 2, windowMs: 1_000 }, namespace });
    await limiter.admit(['address:192.0.2.3']);
    await new Promise((resolve) => setTimeout(resolve, 500));
    await limiter.admit(['address:192.0.2.3']);
    assert.equal(refusedFor(await limiter.admit(['address:192.0.2.3'])), 1);
    const key = `${SIGN_IN_KEY_PREFIX}${namespace}address:192.0.2.3`;
    const ttl = await portalA.redis.pttl(key);
    assert.ok(ttl > 0 && ttl <= 1_000, `PTTL ${ttl}`);
    await new Promise((resolve) => setTimeout(resolve, 600));
    assert.equal((await limiter.admit(['address:192.0.2.3'])).admitted, true, 'the first failure left the window');
    assert.equal((await limiter.admit(['address:192.0.2.3'])).admitted, false, 'the second is still in it');
    await new Promise((resolve) => setTimeout(resolve, 1_100));
    assert.equal(await portalA.redis.exists(key), 0, 'the key expired');
  });

  test('keys share one hash tag, and a long email is stored by its hash', async () => {
    const namespace = fresh();
    const limiter = createRedisFailureLimiter({ redis: portalA.redis, namespace });
    await limiter.admit(['address:192.0.2.4', `email:${'x'.repeat(10_000)}@example.com`]);
    const keys = (await portalA.redis.keys(`${SIGN_IN_KEY_PREFIX}${namespace}*`)).sort();
    assert.equal(keys.length, 2);
    assert.equal(keys[0], `{portal:sign-in}:failures:${namespace}address:192.0.2.4`);
    assert.match(keys[1]!, /^\{portal:sign-in\}:failures:.*sha256:[0-9a-f]{64}$/);
  });

  test('while Redis is out of reach, admitting throws SignInUnavailableError and forgiving does not throw', async () => {
    const down = connectBroker(`redis://127.0.0.1:${await freePort()}`, { connectionName: `${redis.prefix}down` });
    try {
      const limiter = createRedisFailureLimiter({ redis: down.redis, namespace: fresh() });
      await assert.rejects(limiter.admit(['address:192.0.2.5']), { name: 'SignInUnavailableError' });
      const stderr = process.stderr.write.bind(process.stderr);
      process.stderr.write = () => true;
      try {
        await limiter.forgive(['address:192.0.2.5'], 'ticket');
      } finally {
        process.stderr.write = stderr;
      }
    } finally {
      await down.close();
    }
  });
});

describe('the sign-in failure limiter on a Redis Cluster', () => {
  let cluster: RunningRedisCluster;
  let broker: BrokerConnection;

  before(async () => {
    cluster = await startRedisCluster();
    broker = connectBroker(cluster.target());
    await once(broker.redis, 'ready');
  });
  after(async () => {
    await broker?.close();
    await cluster?.stop();
  });

  test("an address's and an email's keys are counted in one script, on one node", async () => {
    const limiter = createRedisFailureLimiter({ redis: broker.redis, limits: { max: 2, windowMs: 60_000 } });
    for (let i = 0; i < 2; i++) assert.equal((await limiter.admit(['address:192.0.2.6', `email:c${i}@example.com`])).admitted, true);
    assert.equal((await limiter.admit(['address:192.0.2.6', 'email:c9@example.com'])).admitted, false);
  });
});
