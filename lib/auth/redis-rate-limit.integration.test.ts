import assert from 'node:assert/strict';
import { once } from 'node:events';
import { after, before, describe, test } from 'node:test';
import type { Database } from '../../prisma/db.ts';
import { testBackends } from '../../testing/databases.ts';
import { TEST_AUTH_SECRET } from '../../testing/identity.ts';
import { useRedis, type TestRedis } from '../../testing/redis.ts';
import { freePort } from '../../testing/services.ts';
import { connectBroker, type BrokerConnection } from '../broker/redis.ts';
import { CLIENT_ADDRESS_HEADER } from './client-address.ts';
import { createIdentity } from './identity.ts';
import { AUTH_RATE_KEY_PREFIX, createRedisRateLimitStorage } from './redis-rate-limit.ts';

const postgres = testBackends().find((backend) => backend.name === 'postgresql')!;
const RULE = { window: 10, max: 3 };

describe("better-auth's rate limit on Redis", () => {
  let redis: TestRedis;
  let portalA: BrokerConnection;
  let portalB: BrokerConnection;
  let run = 0;
  const fresh = () => `${redis.prefix}${++run}.`;

  before(async () => {
    redis = await useRedis();
    portalA = connectBroker(redis.url, { connectionName: `${redis.prefix}a` });
    portalB = connectBroker(redis.url, { connectionName: `${redis.prefix}b` });
    await Promise.all([once(portalA.redis, 'ready'), once(portalB.redis, 'ready')]);
  });

  after(async () => {
    const left = await portalA.redis.keys(`${AUTH_RATE_KEY_PREFIX}${redis.prefix}*`);
    if (left.length > 0) await portalA.redis.del(...left);
    await portalA.close();
    await portalB.close();
    await redis.stop();
  });

  test('two portals count one key together, in a window that expires', async () => {
    const namespace = fresh();
    const a = createRedisRateLimitStorage({ redis: portalA.redis, namespace });
    const b = createRedisRateLimitStorage({ redis: portalB.redis, namespace });
    const answers = await Promise.all([a, b, a, b, a, b].map((storage) => storage.consume('192.0.2.1|/change-password', RULE)));
    assert.equal(answers.filter((answer) => answer.allowed).length, 3);
    for (const refused of answers.filter((answer) => !answer.allowed)) assert.ok(refused.retryAfter! > 0 && refused.retryAfter! <= 10);
    assert.equal((await b.consume('192.0.2.2|/change-password', RULE)).allowed, true, 'another address');
    const ttl = await portalA.redis.pttl(`${AUTH_RATE_KEY_PREFIX}${namespace}192.0.2.1|/change-password`);
    assert.ok(ttl > 0 && ttl <= 10_000, `PTTL ${ttl}`);
    const short = { window: 1, max: 1 };
    assert.equal((await a.consume('192.0.2.3|/x', short)).allowed, true);
    assert.equal((await b.consume('192.0.2.3|/x', short)).allowed, false);
    await new Promise((resolve) => setTimeout(resolve, 1_100));
    assert.equal((await b.consume('192.0.2.3|/x', short)).allowed, true, 'a new window');
  });

  test('a long key is stored by its hash', async () => {
    const namespace = fresh();
    await createRedisRateLimitStorage({ redis: portalA.redis, namespace }).consume(`192.0.2.4|/${'x'.repeat(8_000)}`, RULE);
    const keys = await portalA.redis.keys(`${AUTH_RATE_KEY_PREFIX}${namespace}*`);
    assert.deepEqual(
      keys.map((key) => key.slice(`${AUTH_RATE_KEY_PREFIX}${namespace}`.length).replace(/[0-9a-f]{64}$/, 'HASH')),
      ['sha256:HASH'],
    );
  });

  test('while Redis is out of reach it counts in this process instead of failing', async () => {
    const down = connectBroker(`redis://127.0.0.1:${await freePort()}`, { connectionName: `${redis.prefix}down` });
    const stderr = process.stderr.write.bind(process.stderr);
    process.stderr.write = () => true;
    try {
      const storage = createRedisRateLimitStorage({ redis: down.redis, namespace: fresh() });
      const answers = [];
      for (let i = 0; i < 4; i++) answers.push((await storage.consume('192.0.2.5|/change-password', RULE)).allowed);
      assert.deepEqual(answers, [true, true, true, false]);
    } finally {
      process.stderr.write = stderr;
      await down.close();
    }
  });

  describe('through better-auth', { skip: postgres.skip ?? false }, () => {
    let database: Database;
    before(async () => (database = await postgres.open()));
    after(() => database?.close());

    test("an address's password changes on another instance count here: the 4th within 10 s is refused", async () => {
      const namespace = fresh();
      const { identity } = createIdentity({
        mode: 'required',
        db: database.prisma,
        secret: TEST_AUTH_SECRET,
        trustedOrigins: [],
        rateLimitStorage: createRedisRateLimitStorage({ redis: portalA.redis, namespace }),
      });
      const change = () =>
        identity.handle(
          new Request('http://127.0.0.1:3000/api/auth/change-password', {
            method: 'POST',
            headers: { 'Content-Type': 'application/json', origin: 'http://127.0.0.1:3000', [CLIENT_ADDRESS_HEADER]: '198.51.100.77' },
            body: JSON.stringify({ currentPassword: 'not signed in', newPassword: 'whatever it would be' }),
          }),
        );
      assert.equal((await change()).status, 401, 'counted, then refused for want of a session');
      const elsewhere = createRedisRateLimitStorage({ redis: portalB.redis, namespace });
      const key = (await portalA.redis.keys(`${AUTH_RATE_KEY_PREFIX}${namespace}*`)).map((k) =>
        k.slice(`${AUTH_RATE_KEY_PREFIX}${namespace}`.length),
      );
      assert.equal(key.length, 1, 'better-auth counted in Redis');
      // Another instance takes the other two of the address's three.
      for (let i = 0; i < 2; i++) assert.equal((await elsewhere.consume(key[0]!, RULE)).allowed, true);
      assert.equal((await change()).status, 429);
    });
  });
});
