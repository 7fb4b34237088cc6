import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { testBackends } from '../../testing/databases.ts';
import { cookieOf, testIdentity } from '../../testing/identity.ts';
import type { Database } from '../../prisma/db.ts';
import type { PortalAuth } from './auth.ts';
import { ensureFirstAdmin } from './bootstrap.ts';
import { CLIENT_ADDRESS_HEADER } from './client-address.ts';
import type { Identity } from './identity.ts';
import { accountOfHeaders, requireReader, requireRole } from './actor.ts';
import { errorResponse } from '../http.ts';
import type { Actor } from './roles.ts';

const ADMIN = { email: 'admin@example.com', password: 'correct horse battery staple' };

/**
 * A POST to better-auth's endpoint `path`; with `cookie`, from the portal's own page, as better-auth requires then.
 * From `address`: better-auth allows 3 password changes per address in 10 s, across the instances of a process.
 */
function post(path: string, body: unknown, cookie?: string, address = '192.0.2.7'): Request {
  return new Request(`http://127.0.0.1:3000/api/auth${path}`, {
    method: 'POST',
    headers: {
      'Content-Type': 'application/json',
      [CLIENT_ADDRESS_HEADER]: address,
      ...(cookie ? { cookie, origin: 'http://127.0.0.1:3000' } : {}),
    },
    body: JSON.stringify(body),
  });
}

for (const backend of testBackends()) {
  describe(`users on ${backend.name}`, { skip: backend.skip ?? false }, () => {
    let database: Database;
    let auth: PortalAuth;
    let identity: Identity;
    let admin: Actor;

    async function signIn(email: string, password: string): Promise<Response> {
      return identity.handle(post('/sign-in/email', { email, password }));
    }

    before(async () => {
      database = await backend.open();
      ({ auth, identity } = testIdentity(database.prisma, 'required'));
      await ensureFirstAdmin(auth, database.prisma, ADMIN);
      const found = await identity.users.find({ email: ADMIN.email });
      assert.ok(found);
      admin = { kind: 'user', id: found.id, name: found.name, role: found.role };
    });

    after(() => database.close());

    test('an invited user gets a one-time password, stored only hashed, that signs in once and must be changed', async () => {
      const { user, password } = await identity.users.invite(admin, { email: '  Vera@Example.com ', name: 'Vera', role: 'viewer' });
      assert.deepEqual(
        { email: user.email, name: user.name, role: user.role, active: user.active, mustChangePassword: user.mustChangePassword },
        { email: 'vera@example.com', name: 'Vera', role: 'viewer', active: true, mustChangePassword: true },
      );
      assert.match(password, /^[\w-]{24}$/);
      assert.equal(user.lastSignInAt, null);
      const account = await database.prisma.account.findFirstOrThrow({ where: { userId: user.id } });
      assert.ok(account.password && !account.password.includes(password), 'the password is stored hashed');

      const response = await signIn('vera@example.com', password);
      assert.equal(response.status, 200, await response.clone().text());
      const signedInAt = (await identity.users.find({ id: user.id }))?.lastSignInAt;
      assert.ok(signedInAt && Math.abs(Date.parse(signedInAt) - Date.now()) < 60_000, `last sign-in ${signedInAt}`);
      const body = (await response.json()) as { user: { mustChangePassword: boolean } };
      assert.equal(body.user.mustChangePassword, true, 'sign-in tells the login form to send them to /account');

      const newPassword = 'vera chose this one herself';
      // As /account sends it: ending the other sessions makes a new one inside better-auth's transaction.
      const changed = await identity.handle(
        post('/change-password', { currentPassword: password, newPassword, revokeOtherSessions: true }, cookieOf(response), '192.0.2.21'),
      );
      assert.equal(changed.status, 200, await changed.clone().text());
      assert.equal((await identity.users.find({ id: user.id }))?.mustChangePassword, false);
      const logins = await database.prisma.auditEvent.count({ where: { action: 'user.login', target: `user:${user.id}` } });
      assert.equal(logins, 1, 'the new session of a password change is not a sign-in');
      assert.equal((await signIn('vera@example.com', password)).status, 401, 'the one-time password is gone');
      assert.equal((await signIn('vera@example.com', newPassword)).status, 200);
    });

    test('on a one-time password a user may do nothing but choose their own: the API answers 403 naming /account', async () => {
      const { password } = await identity.users.invite(admin, { email: 'otto@example.com', role: 'editor' });
      const cookie = cookieOf(await signIn('otto@example.com', password));
      const request = () => new Request('http://127.0.0.1:3000/api/documents', { headers: { cookie } });
      await assert.rejects(requireReader(request(), identity), (error: Error) => {
        assert.equal(error.name, 'PasswordChangeRequiredError');
        const answer = errorResponse(error);
        assert.equal(answer.status, 403);
        return true;
      });
      await assert.rejects(requireRole(request(), 'editor', identity), { name: 'PasswordChangeRequiredError' });
      assert.deepEqual(
        { ...(await accountOfHeaders(request().headers, identity)), actor: undefined },
        { actor: undefined, mustChangePassword: true },
        'the account page still knows who they are',
      );
      const changed = await identity.handle(
        post('/change-password', { currentPassword: password, newPassword: 'otto’s own password' }, cookie, '192.0.2.22'),
      );
      assert.equal(changed.status, 200, await changed.clone().text());
      assert.equal((await requireRole(request(), 'editor', identity)).role, 'editor', 'the same session may act once it is done');
    });

    test('changing the password with revokeOtherSessions ends each other session and tells its sockets', async () => {
      const { password } = await identity.users.invite(admin, { email: 'rita@example.com', role: 'viewer' });
      const first = cookieOf(await signIn('rita@example.com', password));
      const second = cookieOf(await signIn('rita@example.com', password));
      const secondSession = await identity.session(new Headers({ cookie: second }));
      assert.ok(secondSession);
      const ended: string[] = [];
      const unsubscribe = identity.revocations.subscribe((revocation) => {
        if ('sessionId' in revocation) ended.push(revocation.sessionId);
      });
      try {
        const changed = await identity.handle(
          post(
            '/change-password',
            { currentPassword: password, newPassword: 'rita’s own password', revokeOtherSessions: true },
            first,
            '192.0.2.23',
          ),
        );
        assert.equal(changed.status, 200, await changed.clone().text());
        assert.ok(ended.includes(secondSession.sessionId), `the other session's end was published: ${JSON.stringify(ended)}`);
        assert.equal(await identity.session(new Headers({ cookie: second })), null);
      } finally {
        unsubscribe();
      }
    });

    test('a second invitation for the same email is refused with EmailTakenError and creates nothing', async () => {
      await identity.users.invite(admin, { email: 'dup@example.com', role: 'editor' });
      await assert.rejects(identity.users.invite(admin, { email: 'DUP@example.com', role: 'admin' }), { name: 'EmailTakenError' });
      assert.equal(await database.prisma.user.count({ where: { email: 'dup@example.com' } }), 1);
      assert.equal((await identity.users.find({ email: 'dup@example.com' }))?.role, 'editor');
    });

    test('NUL characters are refused, not sent to PostgreSQL', async () => {
      await assert.rejects(identity.users.invite(admin, { email: 'nul@example.com', name: 'a\u0000b', role: 'viewer' }), {
        name: 'NulCharacterError',
      });
      await assert.rejects(identity.users.change(admin, 'a\u0000b', { role: 'viewer' }), { name: 'NulCharacterError' });
    });

    test('an admin changes a role; the last active admin can be neither demoted nor deactivated', async () => {
      const { user } = await identity.users.invite(admin, { email: 'ed@example.com', role: 'viewer' });
      assert.equal((await identity.users.change(admin, user.id, { role: 'editor' })).role, 'editor');
      await assert.rejects(identity.users.change(admin, admin.id, { role: 'editor' }), (error: Error) => {
        assert.equal(error.name, 'UserChangeRefusedError');
        assert.match(error.message, /admin@example\.com is the last active admin/);
        return true;
      });
      await assert.rejects(identity.users.change(admin, admin.id, { active: false }), { name: 'UserChangeRefusedError' });
      const ownToken = (await identity.tokens.verify((await identity.tokens.create(admin, { name: 'own', role: 'admin' })).token)).actor;
      await assert.rejects(identity.users.change(ownToken, admin.id, { active: false }), /cannot deactivate yourself/);
      await assert.rejects(identity.users.change(admin, 'no-such-id', { role: 'admin' }), { name: 'UserNotFoundError' });

      // With a second admin, the first may step down; a deactivated admin does not count.
      await identity.users.change(admin, user.id, { role: 'admin' });
      assert.equal((await identity.users.change(admin, admin.id, { role: 'editor' })).role, 'editor');
      const restored = await identity.users.change({ ...admin, id: user.id }, admin.id, { role: 'admin' });
      assert.equal(restored.role, 'admin');
      await identity.users.change(admin, user.id, { active: false });
      await assert.rejects(identity.users.change(admin, admin.id, { role: 'viewer' }), { name: 'UserChangeRefusedError' });
      assert.equal((await identity.users.find({ id: admin.id }))?.role, 'admin', 'nothing changed');
    });

    test('invitations, role changes and deactivations are audited with who and from where; refused ones are not', async () => {
      const { user } = await identity.users.invite(admin, { email: 'audited@example.com', role: 'viewer' }, '192.0.2.50');
      await identity.users.change(admin, user.id, { role: 'editor' }, '192.0.2.51');
      await identity.users.change(admin, user.id, { role: 'editor' }, '192.0.2.51');
      await identity.users.change(admin, user.id, { active: false }, '192.0.2.52');
      const before = await database.prisma.auditEvent.count();
      await assert.rejects(identity.users.change(admin, admin.id, { active: false }), { name: 'UserChangeRefusedError' });
      assert.equal(await database.prisma.auditEvent.count(), before, 'a refused change writes no row');
      const rows = await database.prisma.auditEvent.findMany({
        where: { target: `user:${user.id}` },
        orderBy: { id: 'asc' },
        select: { action: true, actorId: true, ip: true, detail: true },
      });
      assert.deepEqual(rows, [
        { action: 'user.invite', actorId: admin.id, ip: '192.0.2.50', detail: { email: 'audited@example.com', role: 'viewer' } },
        {
          action: 'user.role',
          actorId: admin.id,
          ip: '192.0.2.51',
          detail: { email: 'audited@example.com', from: 'viewer', to: 'editor' },
        },
        { action: 'user.active', actorId: admin.id, ip: '192.0.2.52', detail: { email: 'audited@example.com', active: false } },
      ]);
    });

    test('deactivating ends the sessions at once and blocks sign-in; reactivating lets them in again', async () => {
      const { user, password } = await identity.users.invite(admin, { email: 'gone@example.com', role: 'editor' });
      const response = await signIn('gone@example.com', password);
      assert.equal(response.status, 200);
      const headers = new Headers({ cookie: cookieOf(response) });
      assert.equal((await identity.sessionActor(headers))?.id, user.id);

      const deactivated = await identity.users.change(admin, user.id, { active: false });
      assert.equal(deactivated.active, false);
      assert.equal(await database.prisma.session.count({ where: { userId: user.id } }), 0);
      assert.equal(await identity.sessionActor(headers), null);
      assert.equal((await signIn('gone@example.com', password)).status, 403);

      assert.equal((await identity.users.change(admin, user.id, { active: true })).active, true);
      assert.equal((await signIn('gone@example.com', password)).status, 200);
    });

    test('an admin cannot deactivate themselves, even with other admins', async () => {
      const { user } = await identity.users.invite(admin, { email: 'second-admin@example.com', role: 'admin' });
      await assert.rejects(identity.users.change({ ...admin, id: user.id }, user.id, { active: false }), (error: Error) => {
        assert.equal(error.name, 'UserChangeRefusedError');
        assert.match(error.message, /cannot deactivate yourself/);
        return true;
      });
    });

    test('the list has every user by email, with role and state', async () => {
      const users = await identity.users.list();
      const emails = users.map((u) => u.email);
      assert.deepEqual(emails, [...emails].sort());
      assert.ok(users.some((u) => u.email === 'ed@example.com' && u.active === false && u.role === 'admin'));
      assert.ok(users.every((u) => !('password' in u)));
    });
  });
}
