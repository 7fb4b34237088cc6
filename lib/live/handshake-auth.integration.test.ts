import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { cookieOf, testIdentity } from '../../testing/identity.ts';
import { startLiveServer, type LiveTestServer, type TailClient } from '../../testing/live.ts';
import { useRedis, type TestRedis } from '../../testing/redis.ts';
import { openDatabase, type Database } from '../../prisma/db.ts';
import { createPasswordUser } from '../auth/bootstrap.ts';
import { CLIENT_ADDRESS_HEADER } from '../auth/client-address.ts';
import type { Identity } from '../auth/identity.ts';
import { LOCAL_ACTOR, type Actor } from '../auth/roles.ts';
import { connectSubscriber, type SubscriberConnection } from '../broker/redis.ts';
import { UNAUTHORIZED } from './handshake-auth.ts';

const PASSWORD = 'correct horse battery staple';

/** Resolves once the server accepted the client (null), or with the error it refused it with. */
function connected(client: TailClient): Promise<(Error & { data?: { reason?: string } }) | null> {
  return new Promise((resolve) => {
    client.once('connect', () => resolve(null));
    client.once('connect_error', (error) => resolve(error));
  });
}

/** Resolves with the reason of the client's next disconnect. */
function disconnected(client: TailClient): Promise<string> {
  return new Promise((resolve) => client.once('disconnect', (reason) => resolve(reason)));
}

describe('the live handshake (AUTH=required)', () => {
  let redis: TestRedis;
  let subscriber: SubscriberConnection;
  let database: Database;
  let identity: Identity;
  let live: LiveTestServer;
  let viewer: Actor;
  let cookie: string;
  let made: ReturnType<typeof testIdentity>;

  /** The session cookie of a sign-in as `email`. */
  async function sessionCookie(email: string): Promise<string> {
    const signIn = await identity.handle(
      new Request('http://127.0.0.1:3000/api/auth/sign-in/email', {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', [CLIENT_ADDRESS_HEADER]: '192.0.2.1' },
        body: JSON.stringify({ email, password: PASSWORD }),
      }),
    );
    assert.equal(signIn.status, 200);
    return cookieOf(signIn);
  }

  before(async () => {
    redis = await useRedis();
    subscriber = connectSubscriber(redis.url, { connectionName: `${redis.prefix}subscriber` });
    database = await openDatabase({ pgliteDir: 'memory://' });
    await database.migrate();
    made = testIdentity(database.prisma, 'required');
    identity = made.identity;
    const id = await createPasswordUser(made.auth, database.prisma, { email: 'viewer@example.com', password: PASSWORD, role: 'viewer' });
    viewer = { kind: 'user', id, name: 'viewer', role: 'viewer' };
    cookie = await sessionCookie('viewer@example.com');
    live = await startLiveServer({ subscriber: subscriber.redis, identity });
  });

  after(async () => {
    await live.stop();
    await subscriber.close();
    await redis.stop();
    await database.close();
  });

  test('without credentials the handshake fails with "unauthorized"', async () => {
    const error = await connected(live.connect());
    assert.equal(error?.message, UNAUTHORIZED);
    assert.equal(error?.data?.reason, 'no-credentials');
  });

  test('a viewer token in auth, or as a Bearer header, is let in and may follow patterns', async () => {
    const { token } = await identity.tokens.create(viewer, { name: 'tail', role: 'viewer' });
    const client = live.connect({ auth: { token } });
    assert.equal(await connected(client), null);
    assert.deepEqual(await client.emitWithAck('tail:subscribe', { patterns: ['orders.*'] }), { ok: true, patterns: ['orders.*'] });
    assert.equal(await connected(live.connect({ extraHeaders: { authorization: `Bearer ${token}` } })), null);
  });

  test('the session cookie is let in, as a browser on the same origin sends it', async () => {
    assert.equal(await connected(live.connect({ extraHeaders: { cookie } })), null);
    const error = await connected(live.connect({ extraHeaders: { cookie: 'portal.session_token=forged' } }));
    assert.equal(error?.message, UNAUTHORIZED);
  });

  test('a session still on a one-time password is refused until its user chooses their own', async () => {
    await createPasswordUser(made.auth, database.prisma, {
      email: 'new@example.com',
      password: PASSWORD,
      role: 'viewer',
      mustChangePassword: true,
    });
    const error = await connected(live.connect({ extraHeaders: { cookie: await sessionCookie('new@example.com') } }));
    assert.equal(error?.message, UNAUTHORIZED);
    assert.equal(error?.data?.reason, 'password-change-required');
  });

  test("a revoked token's sockets are closed at once, and it cannot connect again", async () => {
    const { id, token } = await identity.tokens.create(viewer, { name: 'to-revoke', role: 'viewer' });
    const client = live.connect({ auth: { token }, reconnection: false });
    const other = live.connect({ extraHeaders: { cookie } });
    assert.equal(await connected(client), null);
    assert.equal(await connected(other), null);
    const closed = disconnected(client);
    await identity.tokens.revoke(viewer, id);
    assert.equal(await closed, 'io server disconnect');
    assert.equal(other.connected, true, "the user's session socket stays");
    const again = await connected(live.connect({ auth: { token } }));
    assert.deepEqual([again?.message, again?.data?.reason], [UNAUTHORIZED, 'revoked']);
  });

  test('deactivating a user closes their sockets, session and token, at once', async () => {
    const email = 'leaver@example.com';
    const id = await createPasswordUser(made.auth, database.prisma, { email, password: PASSWORD, role: 'viewer' });
    const leaver: Actor = { kind: 'user', id, name: 'leaver', role: 'viewer' };
    const { token } = await identity.tokens.create(leaver, { name: 'user-wide', role: 'viewer' });
    const leaverCookie = await sessionCookie(email);
    const clients = [
      live.connect({ auth: { token }, reconnection: false }),
      live.connect({ extraHeaders: { cookie: leaverCookie }, reconnection: false }),
    ];
    for (const client of clients) assert.equal(await connected(client), null);
    const closed = clients.map(disconnected);
    await identity.users.change(LOCAL_ACTOR, id, { active: false });
    assert.deepEqual(await Promise.all(closed), ['io server disconnect', 'io server disconnect']);
  });

  test("signing out closes that session's sockets, and only those", async () => {
    const leaving = await sessionCookie('viewer@example.com');
    const client = live.connect({ extraHeaders: { cookie: leaving }, reconnection: false });
    const other = live.connect({ extraHeaders: { cookie }, reconnection: false });
    assert.equal(await connected(client), null);
    assert.equal(await connected(other), null);
    const closed = disconnected(client);
    const signOut = await identity.handle(
      new Request('http://127.0.0.1:3000/api/auth/sign-out', {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', Origin: 'http://127.0.0.1:3000', cookie: leaving },
        body: '{}',
      }),
    );
    assert.equal(signOut.status, 200, await signOut.clone().text());
    assert.equal(await closed, 'io server disconnect');
    assert.equal(other.connected, true, 'the same user signed in elsewhere keeps their tail');
    other.disconnect();
  });

  test('a socket of a token is closed when the token expires', async () => {
    const { id, token } = await identity.tokens.create(viewer, { name: 'expiring', role: 'viewer', expiresInDays: 1 });
    const expiresAt = new Date(Date.now() + 400);
    await database.prisma.apiToken.update({ where: { id }, data: { expiresAt } });
    const client = live.connect({ auth: { token }, reconnection: false });
    assert.equal(await connected(client), null);
    assert.equal(await disconnected(client), 'io server disconnect');
    assert.ok(Date.now() >= expiresAt.getTime());
  });
});

describe('the live handshake in other modes', () => {
  let redis: TestRedis;
  let subscriber: SubscriberConnection;
  let database: Database;

  before(async () => {
    redis = await useRedis();
    subscriber = connectSubscriber(redis.url, { connectionName: `${redis.prefix}subscriber` });
    database = await openDatabase({ pgliteDir: 'memory://' });
    await database.migrate();
  });
  after(async () => {
    await subscriber.close();
    await redis.stop();
    await database.close();
  });

  test('AUTH_ANONYMOUS_READ does not open the live tail', async () => {
    const { identity } = testIdentity(database.prisma, 'required', undefined, { anonymousRead: true });
    const live = await startLiveServer({ subscriber: subscriber.redis, identity });
    try {
      assert.equal((await connected(live.connect()))?.message, UNAUTHORIZED);
    } finally {
      await live.stop();
    }
  });

  test('AUTH=local lets everyone in as "local"', async () => {
    const { identity } = testIdentity(database.prisma, 'local');
    const live = await startLiveServer({ subscriber: subscriber.redis, identity });
    try {
      assert.equal(await connected(live.connect()), null);
      const [socket] = await live.io.fetchSockets();
      assert.deepEqual(socket?.data.actor, { kind: 'local', id: 'local', name: 'local', role: 'admin' });
    } finally {
      await live.stop();
    }
  });
});
