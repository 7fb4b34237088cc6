import assert from 'node:assert/strict';
import { once } from 'node:events';
import { after, before, describe, test } from 'node:test';
import type { Database } from '../../prisma/db.ts';
import { testBackends } from '../../testing/databases.ts';
import { testIdentity } from '../../testing/identity.ts';
import { useRedis, type TestRedis } from '../../testing/redis.ts';
import { ensureFirstAdmin } from '../auth/bootstrap.ts';
import { CLIENT_ADDRESS_HEADER } from '../auth/client-address.ts';
import type { Identity } from '../auth/identity.ts';
import { createRedisFailureLimiter, SIGN_IN_KEY_PREFIX } from '../auth/redis-failure-limiter.ts';
import { connectBroker, type BrokerConnection } from '../broker/redis.ts';
import { createAuditLog, type AuditLog } from './audit-log.ts';

const ADMIN = { email: 'admin@example.com', password: 'correct horse battery staple' };

function signIn(body: unknown, address: string): Request {
  return new Request('http://127.0.0.1:3000/api/auth/sign-in/email', {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', [CLIENT_ADDRESS_HEADER]: address },
    body: JSON.stringify(body),
  });
}

for (const backend of testBackends()) {
  describe(`sign-ins in the audit log on ${backend.name}`, { skip: backend.skip ?? false }, () => {
    let database: Database;
    let identity: Identity;
    let audit: AuditLog;
    let adminId: string;
    let redis: TestRedis;
    let broker: BrokerConnection;
    const rows = async (action: string) => (await audit.list({ action, limit: 100 })).events;

    before(async () => {
      database = await backend.open();
      redis = await useRedis();
      broker = connectBroker(redis.url, { connectionName: `${redis.prefix}portal` });
      await once(broker.redis, 'ready');
      // Failure counts on Redis, as server.ts keeps them.
      const made = testIdentity(database.prisma, 'required', createRedisFailureLimiter({ redis: broker.redis, namespace: redis.prefix }));
      identity = made.identity;
      await ensureFirstAdmin(made.auth, database.prisma, ADMIN);
      adminId = (await database.prisma.user.findUniqueOrThrow({ where: { email: ADMIN.email } })).id;
      audit = createAuditLog(database.prisma);
    });
    after(async () => {
      const left = await broker.redis.keys(`${SIGN_IN_KEY_PREFIX}${redis.prefix}*`);
      if (left.length > 0) await broker.redis.del(...left);
      await broker.close();
      await redis.stop();
      await database?.close();
    });

    test('a sign-in writes user.login by that user from their address', async () => {
      assert.equal((await identity.handle(signIn(ADMIN, '192.0.2.10'))).status, 200);
      const events = await rows('user.login');
      assert.equal(events.length, 1);
      assert.deepEqual(
        { actor: events[0]?.actor, target: events[0]?.target, detail: events[0]?.detail, ip: events[0]?.ip },
        {
          actor: { kind: 'user', id: adminId, name: 'admin' },
          target: `user:${adminId}`,
          detail: { email: ADMIN.email },
          ip: '192.0.2.10',
        },
      );
    });

    test('a wrong password, an unknown email and a deactivated account write user.login.failed with the reason', async () => {
      assert.equal((await identity.handle(signIn({ ...ADMIN, password: 'not it at all' }, '192.0.2.11'))).status, 401);
      assert.equal((await identity.handle(signIn({ email: 'Nobody@Example.com', password: 'whatever it is' }, '192.0.2.12'))).status, 401);
      await database.prisma.user.update({ where: { id: adminId }, data: { banned: true } });
      try {
        assert.equal((await identity.handle(signIn(ADMIN, '192.0.2.13'))).status, 403);
      } finally {
        await database.prisma.user.update({ where: { id: adminId }, data: { banned: false } });
      }
      const events = (await rows('user.login.failed')).reverse();
      assert.deepEqual(
        events.map((e) => [e.actor.id, e.actor.name, e.target, e.detail, e.ip]),
        [
          ['unknown', ADMIN.email, `user:${adminId}`, { email: ADMIN.email, reason: 'wrong email or password' }, '192.0.2.11'],
          [
            'unknown',
            'nobody@example.com',
            'email:nobody@example.com',
            { email: 'nobody@example.com', reason: 'wrong email or password' },
            '192.0.2.12',
          ],
          ['unknown', ADMIN.email, `user:${adminId}`, { email: ADMIN.email, reason: 'account deactivated' }, '192.0.2.13'],
        ],
      );
      assert.equal((await rows('user.login')).length, 1, 'no session, no user.login');
      // An admin finds them by the email, and they are not the user's own actions.
      assert.equal((await audit.list({ actor: adminId, action: 'user.login.failed', limit: 10 })).events.length, 0);
      assert.equal((await audit.list({ actor: 'ADMIN@example.com', action: 'user.login.failed', limit: 10 })).events.length, 2);
    });

    test('an attempt refused by the limiter (429) is not audited: it never reached the password check', async () => {
      const limiter = createRedisFailureLimiter({ redis: broker.redis, namespace: `${redis.prefix}flood.` });
      const { identity: fresh } = testIdentity(database.prisma, 'required', limiter);
      for (let i = 0; i < 10; i++) await fresh.handle(signIn({ email: 'flood@example.com', password: `wrong ${i}` }, '198.51.100.99'));
      const before = (await rows('user.login.failed')).length;
      assert.equal((await fresh.handle(signIn({ email: 'flood@example.com', password: 'again' }, '198.51.100.99'))).status, 429);
      assert.equal((await rows('user.login.failed')).length, before);
    });
  });
}
