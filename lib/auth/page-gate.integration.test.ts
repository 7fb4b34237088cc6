import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { testBackends } from '../../testing/databases.ts';
import { cookieOf, testIdentity } from '../../testing/identity.ts';
import type { Database } from '../../prisma/db.ts';
import { createPasswordUser, ensureFirstAdmin } from './bootstrap.ts';
import type { Identity } from './identity.ts';
import { signInRedirect } from './page-gate.ts';

const ADMIN = { email: 'admin@example.com', password: 'correct horse battery staple' };
const PORTAL = 'http://127.0.0.1:3000';

/** Where the gate sends a page request for `path`, as path and query; null when the page renders. */
async function redirectOf(gate: Identity, path: string, headers = new Headers()): Promise<string | null> {
  const to = await signInRedirect(new URL(path, PORTAL), headers, gate);
  return to && `${to.pathname}${to.search}`;
}

for (const backend of testBackends()) {
  describe(`the page gate on ${backend.name}`, { skip: backend.skip ?? false }, () => {
    let database: Database;
    let cookie: string;

    before(async () => {
      database = await backend.open();
      const { auth, identity } = testIdentity(database.prisma, 'required');
      await ensureFirstAdmin(auth, database.prisma, ADMIN);
      const signIn = await identity.handle(
        new Request(`${PORTAL}/api/auth/sign-in/email`, {
          method: 'POST',
          headers: { 'Content-Type': 'application/json' },
          body: JSON.stringify(ADMIN),
        }),
      );
      cookie = cookieOf(signIn);
    });

    after(() => database.close());

    test('AUTH=required sends a signed-out visitor of any page to /login, keeping the page and its query', async () => {
      const { identity } = testIdentity(database.prisma, 'required');
      assert.equal(await redirectOf(identity, '/'), '/login?next=%2F');
      assert.equal(await redirectOf(identity, '/documents/x?version=1.0.0'), '/login?next=%2Fdocuments%2Fx%3Fversion%3D1.0.0');
      assert.equal(await redirectOf(identity, '/login?next=/live'), null, 'the sign-in page itself');
      assert.equal(await redirectOf(identity, '/loginx'), '/login?next=%2Floginx');
    });

    test('a signed-in visitor, AUTH=local and AUTH_ANONYMOUS_READ=true render the page', async () => {
      const { identity } = testIdentity(database.prisma, 'required');
      assert.equal(await redirectOf(identity, '/live', new Headers({ cookie })), null);
      const refused = new Headers({ authorization: 'Bearer ept_not-a-token' });
      assert.equal(await redirectOf(identity, '/live', refused), '/login?next=%2Flive', 'a refused token is as good as none');
      assert.equal(await redirectOf(testIdentity(database.prisma, 'local').identity, '/live'), null);
      assert.equal(await redirectOf(testIdentity(database.prisma, 'required', undefined, { anonymousRead: true }).identity, '/live'), null);
    });

    test('a user on a one-time password is sent to /account from every page, anonymous reading or not', async () => {
      const { auth, identity } = testIdentity(database.prisma, 'required');
      const password = 'a one-time password of 24 chars';
      await createPasswordUser(auth, database.prisma, { email: 'new@example.com', password, role: 'editor', mustChangePassword: true });
      const signIn = await identity.handle(
        new Request(`${PORTAL}/api/auth/sign-in/email`, {
          method: 'POST',
          headers: { 'Content-Type': 'application/json' },
          body: JSON.stringify({ email: 'new@example.com', password }),
        }),
      );
      const headers = new Headers({ cookie: cookieOf(signIn) });
      assert.equal(await redirectOf(identity, '/documents/new?x=1', headers), '/account?next=%2Fdocuments%2Fnew%3Fx%3D1');
      assert.equal(await redirectOf(identity, '/account?next=/live', headers), null, 'the page where they choose it');
      assert.equal(await redirectOf(identity, '/login', headers), null);
      const anonymousRead = testIdentity(database.prisma, 'required', undefined, { anonymousRead: true }).identity;
      assert.equal(await redirectOf(anonymousRead, '/', headers), '/account?next=%2F');
    });

    test("the eda CLI's route handlers answer for themselves (401 JSON, not a redirect)", async () => {
      const { identity } = testIdentity(database.prisma, 'required');
      assert.equal(await redirectOf(identity, '/topics/orders'), null);
      assert.equal(await redirectOf(identity, '/deferred-exec'), null);
      assert.equal(await redirectOf(identity, '/topicsx'), '/login?next=%2Ftopicsx');
    });
  });
}
