import assert from 'node:assert/strict';
import { once } from 'node:events';
import { after, before, describe, test } from 'node:test';
import { testBackends } from '../../testing/databases.ts';
import { cookieOf, TEST_AUTH_SECRET, testIdentity } from '../../testing/identity.ts';
import { useRedis, type TestRedis } from '../../testing/redis.ts';
import { freePort } from '../../testing/services.ts';
import type { Database } from '../../prisma/db.ts';
import { connectBroker, type BrokerConnection } from '../broker/redis.ts';
import { errorResponse } from '../http.ts';
import type { PortalAuth } from './auth.ts';
import { currentActor, requireRole } from './actor.ts';
import { ensureFirstAdmin } from './bootstrap.ts';
import { CLIENT_ADDRESS_HEADER } from './client-address.ts';
import type { Identity } from './identity.ts';
import { createIdentity } from './identity.ts';
import { createRedisFailureLimiter, SIGN_IN_KEY_PREFIX } from './redis-failure-limiter.ts';

const ADMIN = { email: 'admin@example.com', password: 'correct horse battery staple' };

/** A POST to better-auth's endpoint `path` from `address`, as server.ts hands it on. */
function post(path: string, body: unknown, address = '192.0.2.1'): Request {
  return new Request(`http://127.0.0.1:3000/api/auth${path}`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', [CLIENT_ADDRESS_HEADER]: address },
    body: JSON.stringify(body),
  });
}

/** The request a browser sends with the session cookie of a sign-in's answer. */
function withCookie(signIn: Response): Request {
  const cookie = cookieOf(signIn);
  return new Request('http://127.0.0.1:3000/api/documents', { headers: { cookie } });
}

for (const backend of testBackends()) {
  describe(`identity on ${backend.name}`, { skip: backend.skip ?? false }, () => {
    let database: Database;
    let auth: PortalAuth;
    let identity: Identity;
    let redis: TestRedis;
    let broker: BrokerConnection;
    let namespaces = 0;
    /** Failure counts on Redis as server.ts keeps them, in a namespace of their own: a fresh count per test. */
    const sharedLimiter = (namespace = `${redis.prefix}${++namespaces}.`) => createRedisFailureLimiter({ redis: broker.redis, namespace });

    before(async () => {
      database = await backend.open();
      redis = await useRedis();
      broker = connectBroker(redis.url, { connectionName: `${redis.prefix}portal` });
      await once(broker.redis, 'ready');
      ({ auth, identity } = testIdentity(database.prisma, 'required', sharedLimiter()));
      assert.equal(await ensureFirstAdmin(auth, database.prisma, ADMIN), true);
    });

    after(async () => {
      const left = await broker.redis.keys(`${SIGN_IN_KEY_PREFIX}${redis.prefix}*`);
      if (left.length > 0) await broker.redis.del(...left);
      await broker.close();
      await redis.stop();
      await database.close();
    });

    test('the first admin is created once, only while there is no user', async () => {
      assert.equal(await ensureFirstAdmin(auth, database.prisma, { email: 'other@example.com', password: ADMIN.password }), false);
      const users = await database.prisma.user.findMany({ select: { email: true, role: true, banned: true } });
      assert.deepEqual(users, [{ email: ADMIN.email, role: 'admin', banned: false }]);
    });

    test('the admin signs in with email and password and gets an httpOnly SameSite=Lax session cookie', async () => {
      const response = await identity.handle(post('/sign-in/email', ADMIN));
      assert.equal(response.status, 200, await response.clone().text());
      const session = response.headers.getSetCookie().find((c) => c.startsWith('portal.session_token='));
      assert.ok(session, response.headers.getSetCookie().join('\n'));
      assert.match(session, /; HttpOnly/i);
      assert.match(session, /; SameSite=Lax/i);
      assert.doesNotMatch(session, /; Secure/i, 'plain http on loopback: a Secure cookie would never come back');
      const actor = await currentActor(withCookie(response), identity);
      assert.deepEqual({ ...actor, id: typeof actor?.id }, { kind: 'user', id: 'string', name: 'admin', role: 'admin' });
    });

    test('a wrong password is a 401 and sets no cookie', async () => {
      const response = await identity.handle(post('/sign-in/email', { ...ADMIN, password: 'not the password' }, '192.0.2.50'));
      assert.equal(response.status, 401);
      assert.deepEqual(response.headers.getSetCookie(), []);
    });

    test('nobody can sign up: users come from the bootstrap or an admin', async () => {
      const response = await identity.handle(post('/sign-up/email', { email: 'me@example.com', password: ADMIN.password, name: 'Me' }));
      assert.ok(response.status >= 400 && response.status < 500, `sign-up answered ${response.status}`);
      assert.equal(await database.prisma.user.count({ where: { email: 'me@example.com' } }), 0);
    });

    test('a role cannot be chosen by the user: updating it is refused or ignored', async () => {
      const signIn = await identity.handle(post('/sign-in/email', ADMIN, '192.0.2.60'));
      const cookie = withCookie(signIn).headers.get('cookie') ?? '';
      const before = await database.prisma.user.findUniqueOrThrow({ where: { email: ADMIN.email } });
      await database.prisma.user.update({ where: { id: before.id }, data: { role: 'viewer' } });
      try {
        for (const body of [{ role: 'admin' }, { name: 'Alice Admin' }]) {
          const request = post('/update-user', body, '192.0.2.60');
          request.headers.set('cookie', cookie);
          request.headers.set('origin', 'http://127.0.0.1:3000');
          const response = await identity.handle(request);
          assert.equal(response.status, 403, `${JSON.stringify(body)}: nobody renames themselves, as the audit log shows names`);
        }
        const after = await database.prisma.user.findUniqueOrThrow({ where: { id: before.id } });
        assert.deepEqual([after.role, after.name], ['viewer', before.name]);
      } finally {
        await database.prisma.user.update({ where: { id: before.id }, data: { role: 'admin' } });
      }
    });

    test('the 11th failed sign-in from one address within a minute is a 429, even with the right password', async () => {
      const { identity: fresh } = testIdentity(database.prisma, 'required', sharedLimiter());
      for (let i = 1; i <= 10; i++) {
        const response = await fresh.handle(
          post('/sign-in/email', { email: `guess${i}@example.com`, password: 'wrong password' }, '198.51.100.7'),
        );
        assert.equal(response.status, 401, `attempt ${i}`);
      }
      const eleventh = await fresh.handle(post('/sign-in/email', ADMIN, '198.51.100.7'));
      assert.equal(eleventh.status, 429);
      assert.ok(Number(eleventh.headers.get('retry-after')) > 0);
      assert.match(((await eleventh.json()) as { error: string }).error, /Too many failed sign-ins/);
      assert.equal((await fresh.handle(post('/sign-in/email', ADMIN, '198.51.100.8'))).status, 200, 'another address may still sign in');
    });

    test('guesses sent all at once are limited as if one by one: at most 10 reach the password check', async () => {
      const { identity: fresh } = testIdentity(database.prisma, 'required', sharedLimiter());
      const guesses = Array.from({ length: 20 }, (_, i) =>
        fresh.handle(post('/sign-in/email', { email: ADMIN.email, password: `parallel guess ${i}` }, `198.51.100.${40 + i}`)),
      );
      const statuses = (await Promise.all(guesses)).map((response) => response.status);
      assert.deepEqual([statuses.filter((s) => s === 401).length, statuses.filter((s) => s === 429).length], [10, 10]);
    });

    test('IPv6 addresses of one /64 share the limit: a fresh address in it does not start anew', async () => {
      const { identity: fresh } = testIdentity(database.prisma, 'required', sharedLimiter());
      for (let i = 1; i <= 10; i++) {
        const response = await fresh.handle(
          post('/sign-in/email', { email: `ipv6-guess${i}@example.com`, password: 'wrong password' }, `2001:db8:7:1::${i.toString(16)}`),
        );
        assert.equal(response.status, 401, `attempt ${i}`);
      }
      assert.equal((await fresh.handle(post('/sign-in/email', ADMIN, '2001:db8:7:1:ffff::1'))).status, 429);
      assert.equal((await fresh.handle(post('/sign-in/email', ADMIN, '2001:db8:7:2::1'))).status, 200, 'the next /64 may still sign in');
    });

    test('the 11th failed sign-in for one email within a minute is a 429, from any address', async () => {
      const { identity: fresh } = testIdentity(database.prisma, 'required', sharedLimiter());
      for (let i = 1; i <= 10; i++) {
        const response = await fresh.handle(post('/sign-in/email', { email: ADMIN.email, password: `wrong ${i}` }, `203.0.113.${i}`));
        assert.equal(response.status, 401, `attempt ${i}`);
      }
      const eleventh = await fresh.handle(post('/sign-in/email', { email: 'Admin@Example.com', password: ADMIN.password }, '203.0.113.99'));
      assert.equal(eleventh.status, 429);
    });

    test('two portals on one Redis share the counts: the 11th failure is refused on either', async () => {
      const namespace = `${redis.prefix}two-portals.`;
      const portals = [sharedLimiter(namespace), sharedLimiter(namespace)].map(
        (limiter) => testIdentity(database.prisma, 'required', limiter).identity,
      );
      for (let i = 0; i < 10; i++) {
        const response = await portals[i % 2]!.handle(
          post('/sign-in/email', { email: `spread${i}@example.com`, password: 'wrong password' }, '198.51.100.30'),
        );
        assert.equal(response.status, 401, `attempt ${i + 1}`);
      }
      for (const portal of portals) assert.equal((await portal.handle(post('/sign-in/email', ADMIN, '198.51.100.30'))).status, 429);
      assert.equal((await portals[1]!.handle(post('/sign-in/email', ADMIN, '198.51.100.31'))).status, 200, 'a right password forgives');
      assert.equal((await portals[0]!.handle(post('/sign-in/email', ADMIN, '198.51.100.31'))).status, 200);
    });

    test('while Redis is out of reach sign-in is a 503 that says why, and tries no password', async () => {
      const down = connectBroker(`redis://127.0.0.1:${await freePort()}`, { connectionName: `${redis.prefix}down` });
      try {
        const { identity: cut } = testIdentity(database.prisma, 'required', createRedisFailureLimiter({ redis: down.redis }));
        const error = await cut.handle(post('/sign-in/email', ADMIN, '198.51.100.32')).catch((e: unknown) => e);
        assert.equal((error as Error).name, 'SignInUnavailableError');
        const stderr = process.stderr.write.bind(process.stderr);
        process.stderr.write = () => true;
        const response = (() => {
          try {
            return errorResponse(error);
          } finally {
            process.stderr.write = stderr;
          }
        })();
        assert.equal(response.status, 503);
        assert.match(((await response.json()) as { error: string }).error, /counts failed sign-ins in Redis, which it cannot reach/);
        assert.equal(await database.prisma.session.count({ where: { ipAddress: '198.51.100.32' } }), 0);
      } finally {
        await down.close();
      }
    });

    test('a deactivated user cannot sign in, and their session no longer counts', async () => {
      const signIn = await identity.handle(post('/sign-in/email', ADMIN, '192.0.2.70'));
      const request = withCookie(signIn);
      await database.prisma.user.update({ where: { email: ADMIN.email }, data: { banned: true } });
      try {
        assert.equal(await currentActor(request, identity), null);
        const again = await identity.handle(post('/sign-in/email', ADMIN, '192.0.2.70'));
        assert.equal(again.status, 403);
      } finally {
        await database.prisma.user.update({ where: { email: ADMIN.email }, data: { banned: false } });
      }
    });

    test('requireRole: signed out is a 401, too little a 403 naming the role, enough returns the actor', async () => {
      const signedOut = new Request('http://127.0.0.1:3000/api/documents');
      await assert.rejects(requireRole(signedOut, 'viewer', identity), { name: 'SignInRequiredError' });
      const admin = await database.prisma.user.findUniqueOrThrow({ where: { email: ADMIN.email } });
      await database.prisma.user.update({ where: { id: admin.id }, data: { role: 'editor' } });
      try {
        const asEditor = withCookie(await identity.handle(post('/sign-in/email', ADMIN, '192.0.2.80')));
        assert.equal((await requireRole(asEditor, 'editor', identity)).role, 'editor');
        await assert.rejects(requireRole(asEditor, 'admin', identity), { name: 'RoleRequiredError', required: 'admin' });
      } finally {
        await database.prisma.user.update({ where: { id: admin.id }, data: { role: 'admin' } });
      }
    });

    test('in AUTH=local everyone is the admin "local", with no session', async () => {
      const { identity: local } = testIdentity(database.prisma, 'local');
      const anonymous = new Request('http://127.0.0.1:3000/api/documents');
      assert.deepEqual(await requireRole(anonymous, 'admin', local), { kind: 'local', id: 'local', name: 'local', role: 'admin' });
    });

    test('behind an https PUBLIC_URL the session cookie is Secure', async () => {
      const { identity: public_ } = createIdentity({
        mode: 'required',
        db: database.prisma,
        secret: TEST_AUTH_SECRET,
        publicUrl: 'https://portal.example.com',
        trustedOrigins: ['https://portal.example.com'],
      });
      const request = new Request('https://portal.example.com/api/auth/sign-in/email', {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', [CLIENT_ADDRESS_HEADER]: '192.0.2.90' },
        body: JSON.stringify(ADMIN),
      });
      const response = await public_.handle(request);
      assert.equal(response.status, 200);
      const session = response.headers.getSetCookie().find((c) => c.includes('portal.session_token='));
      assert.match(session ?? '', /^__Secure-portal\.session_token=.*; Secure/i);
    });
  });
}
