import assert from 'node:assert/strict';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, describe, test } from 'node:test';
import { testBackends } from '../../testing/databases.ts';
import { TEST_AUTH_SECRET } from '../../testing/identity.ts';
import { startOidcProvider, type TestOidcProvider } from '../../testing/oidc-provider.ts';
import type { Database } from '../../prisma/db.ts';
import { createAuditLog } from '../audit/audit-log.ts';
import { ensureFirstAdmin } from './bootstrap.ts';
import { CLIENT_ADDRESS_HEADER } from './client-address.ts';
import { createIdentity, type Identity } from './identity.ts';
import { OIDC_CALLBACK_PATH } from './oidc.ts';

/** The cookies one browser holds for 127.0.0.1, where the portal and the provider both listen (cookies ignore ports). */
class CookieJar {
  readonly #cookies = new Map<string, string>();

  store(response: Response): void {
    for (const line of response.headers.getSetCookie()) {
      const [pair = '', ...attributes] = line.split(';');
      const name = pair.slice(0, pair.indexOf('='));
      const expired = attributes.some((a) => /^\s*max-age=0\s*$/i.test(a) || /^\s*expires=Thu, 01 Jan 1970/i.test(a));
      if (expired) this.#cookies.delete(name);
      else this.#cookies.set(name, pair.slice(pair.indexOf('=') + 1));
    }
  }

  header(): string {
    return [...this.#cookies].map(([name, value]) => `${name}=${value}`).join('; ');
  }
}

/** Serves `identity.handle` over HTTP as server.ts does for /api/auth, once `identity` is set. */
function portalServer(identity: () => Identity): Server {
  return createServer((req: IncomingMessage, res: ServerResponse) => {
    void (async () => {
      const chunks: Buffer[] = [];
      for await (const chunk of req) chunks.push(chunk as Buffer);
      const headers = new Headers();
      for (const [name, value] of Object.entries(req.headers)) if (typeof value === 'string') headers.set(name, value);
      const body = chunks.length > 0 ? Buffer.concat(chunks) : undefined;
      const request = new Request(`http://${req.headers.host}${req.url}`, {
        method: req.method ?? 'GET',
        headers,
        ...(body ? { body } : {}),
      });
      const response = await identity().handle(request);
      res.statusCode = response.status;
      response.headers.forEach((value, name) => {
        if (name !== 'set-cookie') res.setHeader(name, value);
      });
      res.setHeader('set-cookie', response.headers.getSetCookie());
      res.end(Buffer.from(await response.arrayBuffer()));
    })().catch((error: unknown) => {
      res.statusCode = 500;
      res.end(String(error));
    });
  });
}

let signIns = 0;

interface SignInResult {
  /** Where the portal finally sent the browser. */
  landed: URL;
  jar: CookieJar;
}

/**
 * A person who clicks "Sign in with …" on the portal at `portal`, types `login` at the provider's form and follows
 * every redirect, as a browser would: the authorization-code flow end to end, over HTTP.
 */
async function signInAtProvider(portal: string, login: string, { abort = false } = {}): Promise<SignInResult> {
  const jar = new CookieJar();
  // Each from an address of its own, as server.ts stamps it: better-auth allows three sign-ins per address in 10 s.
  signIns += 1;
  const start = await fetch(`${portal}/api/auth/sign-in/social`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', Origin: portal, [CLIENT_ADDRESS_HEADER]: `198.51.100.${signIns}` },
    body: JSON.stringify({ provider: 'oidc', callbackURL: '/channels', errorCallbackURL: '/login?next=%2Fchannels' }),
  });
  assert.equal(start.status, 200, await start.clone().text());
  jar.store(start);
  let next = new URL(((await start.json()) as { url: string }).url);
  let form: { method: string; body?: URLSearchParams } = { method: 'GET' };
  for (let hop = 0; hop < 20; hop++) {
    if (next.origin === portal && !next.pathname.startsWith('/api/auth/')) return { landed: next, jar };
    const response = await fetch(next, {
      method: form.method,
      redirect: 'manual',
      headers: { cookie: jar.header(), ...(form.body ? { 'Content-Type': 'application/x-www-form-urlencoded' } : {}) },
      ...(form.body ? { body: form.body } : {}),
    });
    jar.store(response);
    form = { method: 'GET' };
    const location = response.headers.get('location');
    if (location) {
      next = new URL(location, next);
      continue;
    }
    const html = await response.text();
    assert.equal(response.status, 200, `${next.href} answered ${response.status}: ${html.slice(0, 500)}`);
    if (abort) {
      next = new URL(`${next.pathname}/abort`, next);
      continue;
    }
    // The provider's sign-in form: any password, the login names the user.
    const action = /<form[^>]*action="([^"]+)"/.exec(html)?.[1];
    assert.ok(action, `no sign-in form at ${next.href}: ${html.slice(0, 500)}`);
    next = new URL(action.replaceAll('&amp;', '&'), next);
    form = { method: 'POST', body: new URLSearchParams({ prompt: 'login', login, password: 'any password' }) };
  }
  throw new Error('the sign-in never came back to the portal');
}

for (const backend of testBackends()) {
  describe(`OpenID Connect sign-in on ${backend.name}`, { skip: backend.skip ?? false }, () => {
    let database: Database;
    let provider: TestOidcProvider;
    let server: Server;
    let portal: string;
    let identity: Identity;

    before(async () => {
      database = await backend.open();
      server = portalServer(() => identity);
      await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
      portal = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
      provider = await startOidcProvider({
        redirectUris: [`${portal}${OIDC_CALLBACK_PATH}`],
        users: {
          ada: { email: 'ada@example.com', name: 'Ada Lovelace', claims: { roles: ['staff', 'portal-admin'] } },
          grace: { email: 'grace@example.com', name: 'Grace Hopper', claims: { roles: 'portal-editor' } },
          linus: { email: 'linus@example.com', name: 'Linus', claims: { roles: [] } },
          mallory: { email: 'admin@example.com', name: 'Mallory', emailVerified: false, claims: { roles: ['portal-admin'] } },
          solo: { email: 'solo@example.com', name: 'Solo', claims: { roles: ['portal-admin'] } },
        },
      });
      let auth;
      ({ identity, auth } = createIdentity({
        mode: 'required',
        db: database.prisma,
        secret: TEST_AUTH_SECRET,
        publicUrl: portal,
        trustedOrigins: [portal],
        oidc: {
          issuer: provider.issuer,
          clientId: provider.clientId,
          clientSecret: provider.clientSecret,
          name: 'Test IdP',
          roles: { claim: 'roles', adminValues: ['portal-admin'], editorValues: ['portal-editor'] },
        },
      }));
      await ensureFirstAdmin(auth, database.prisma, { email: 'admin@example.com', password: 'correct horse battery staple' });
    });

    after(async () => {
      await new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      });
      await provider?.close();
      await database?.close();
    });

    /** The actor whose session the jar's cookies carry. */
    async function actorOf(jar: CookieJar) {
      return identity.sessionActor(new Headers({ cookie: jar.header() }));
    }

    /** The ids of the audit rows of `action` so far. */
    async function auditedIds(action: string): Promise<Set<string>> {
      return new Set((await createAuditLog(database.prisma).list({ action, limit: 1000 })).events.map((e) => e.id));
    }

    /** The rows of `action` not in `seen`, newest first. */
    async function auditedSince(seen: Set<string>, action: string) {
      return (await createAuditLog(database.prisma).list({ action, limit: 1000 })).events.filter((e) => !seen.has(e.id));
    }

    test('the identity offers the provider by its name', () => {
      assert.deepEqual(identity.oidc, { providerId: 'oidc', name: 'Test IdP' });
    });

    test('a first sign-in creates the user with the role of the claim and returns to the page asked for', async () => {
      const { landed, jar } = await signInAtProvider(portal, 'ada');
      assert.equal(landed.href, `${portal}/channels`);
      const actor = await actorOf(jar);
      assert.deepEqual({ ...actor, id: typeof actor?.id }, { kind: 'user', id: 'string', name: 'Ada Lovelace', role: 'admin' });
      const user = await database.prisma.user.findUniqueOrThrow({ where: { email: 'ada@example.com' }, include: { accounts: true } });
      assert.deepEqual(
        user.accounts.map((a) => [a.providerId, a.accountId]),
        [['oidc', 'ada']],
      );
    });

    test('a single string claim gives its role; no matching value gives viewer', async () => {
      assert.equal((await actorOf((await signInAtProvider(portal, 'grace')).jar))?.role, 'editor');
      assert.equal((await actorOf((await signInAtProvider(portal, 'linus')).jar))?.role, 'viewer');
    });

    test('the provider is the source of truth: a changed claim changes the role at the next sign-in', async () => {
      const first = await signInAtProvider(portal, 'grace');
      assert.equal((await actorOf(first.jar))?.role, 'editor');
      provider.setClaims('grace', { roles: ['portal-admin'] });
      assert.equal((await actorOf((await signInAtProvider(portal, 'grace')).jar))?.role, 'admin');
      // A role an admin set in the portal does not outlive the next sign-in either.
      const grace = await database.prisma.user.findUniqueOrThrow({ where: { email: 'grace@example.com' } });
      await database.prisma.user.update({ where: { id: grace.id }, data: { role: 'viewer' } });
      provider.setClaims('grace', { roles: [] });
      assert.equal((await actorOf((await signInAtProvider(portal, 'grace')).jar))?.role, 'viewer');
      provider.setClaims('grace', { roles: 'portal-editor' });
      assert.equal((await actorOf((await signInAtProvider(portal, 'grace')).jar))?.role, 'editor');
    });

    test('each role the provider changes is audited as user.role by the user signing in, in order', async () => {
      const seen = await auditedIds('user.role');
      provider.setClaims('grace', { roles: ['portal-admin'] });
      await signInAtProvider(portal, 'grace');
      provider.setClaims('grace', { roles: 'portal-editor' });
      await signInAtProvider(portal, 'grace');
      await signInAtProvider(portal, 'grace');
      const events = await auditedSince(seen, 'user.role');
      const grace = await database.prisma.user.findUniqueOrThrow({ where: { email: 'grace@example.com' } });
      assert.deepEqual(
        events.reverse().map((e) => [e.actor.kind, e.actor.id, e.target, e.detail]),
        [
          ['user', grace.id, `user:${grace.id}`, { email: 'grace@example.com', from: 'editor', to: 'admin', source: 'oidc' }],
          ['user', grace.id, `user:${grace.id}`, { email: 'grace@example.com', from: 'admin', to: 'editor', source: 'oidc' }],
        ],
        'an unchanged role at the third sign-in writes no row',
      );
    });

    test('a claim that would demote the last active admin leaves them admin, and the sign-in row says why', async () => {
      await signInAtProvider(portal, 'solo');
      const others = await database.prisma.user.findMany({ where: { role: 'admin', banned: false, NOT: { email: 'solo@example.com' } } });
      await database.prisma.user.updateMany({ where: { id: { in: others.map((u) => u.id) } }, data: { banned: true } });
      try {
        const seenRoles = await auditedIds('user.role');
        const seenLogins = await auditedIds('user.login');
        provider.setClaims('solo', { roles: [] });
        const { jar } = await signInAtProvider(portal, 'solo');
        assert.equal((await actorOf(jar))?.role, 'admin');
        assert.deepEqual(await auditedSince(seenRoles, 'user.role'), []);
        const [login] = await auditedSince(seenLogins, 'user.login');
        assert.deepEqual(login?.detail, {
          email: 'solo@example.com',
          roleKept: { claimed: 'viewer', reason: 'the last active admin keeps the admin role' },
        });
        // With another admin active again, the provider's word holds at the next sign-in.
        await database.prisma.user.updateMany({ where: { id: { in: others.map((u) => u.id) } }, data: { banned: false } });
        assert.equal((await actorOf((await signInAtProvider(portal, 'solo')).jar))?.role, 'viewer');
      } finally {
        await database.prisma.user.updateMany({ where: { id: { in: others.map((u) => u.id) } }, data: { banned: false } });
      }
    });

    test('a deactivated user cannot sign in at the provider: the portal sends them back to /login with the reason', async () => {
      await signInAtProvider(portal, 'linus');
      await database.prisma.user.update({ where: { email: 'linus@example.com' }, data: { banned: true } });
      try {
        const { landed, jar } = await signInAtProvider(portal, 'linus');
        assert.equal(landed.pathname, '/login');
        assert.equal(landed.searchParams.get('next'), '/channels');
        assert.equal(landed.searchParams.get('error'), 'ACCOUNT_DEACTIVATED');
        assert.match(landed.searchParams.get('error_description') ?? '', /deactivated/);
        assert.equal(await actorOf(jar), null);
      } finally {
        await database.prisma.user.update({ where: { email: 'linus@example.com' }, data: { banned: false } });
      }
    });

    test('an unverified email at the provider does not take over the portal user of that email', async () => {
      const { landed, jar } = await signInAtProvider(portal, 'mallory');
      assert.equal(landed.pathname, '/login');
      assert.equal(landed.searchParams.get('error'), 'account_not_linked');
      assert.equal(await actorOf(jar), null);
      const admin = await database.prisma.user.findUniqueOrThrow({ where: { email: 'admin@example.com' }, include: { accounts: true } });
      assert.deepEqual(
        admin.accounts.map((a) => a.providerId),
        ['credential'],
      );
      assert.equal(admin.role, 'admin');
    });

    test('declining at the provider comes back to /login with the provider’s error', async () => {
      const { landed } = await signInAtProvider(portal, 'ada', { abort: true });
      assert.equal(landed.pathname, '/login');
      assert.equal(landed.searchParams.get('error'), 'access_denied');
      assert.equal(landed.searchParams.get('error_description'), 'End-User aborted interaction');
    });

    test('a discovery document naming another issuer than OIDC_ISSUER is refused before anyone is sent there', async () => {
      // The same provider asked under another name: its document says http://127.0.0.1:…, not http://localhost:….
      const { identity: misnamed } = createIdentity({
        mode: 'required',
        db: database.prisma,
        secret: TEST_AUTH_SECRET,
        publicUrl: portal,
        trustedOrigins: [portal],
        oidc: {
          issuer: provider.issuer.replace('127.0.0.1', 'localhost'),
          clientId: provider.clientId,
          clientSecret: provider.clientSecret,
          name: 'Misnamed',
          roles: { claim: 'roles', adminValues: [], editorValues: [] },
        },
      });
      const response = await misnamed.handle(
        new Request(`${portal}/api/auth/sign-in/social`, {
          method: 'POST',
          headers: { 'Content-Type': 'application/json', Origin: portal, [CLIENT_ADDRESS_HEADER]: '203.0.113.1' },
          body: JSON.stringify({ provider: 'oidc', callbackURL: '/' }),
        }),
      );
      assert.equal(response.status, 502);
      assert.match(
        ((await response.json()) as { message: string }).message,
        /names the issuer "http:\/\/127\.0\.0\.1:\d+", not OIDC_ISSUER/,
      );
    });

    test('an ID token posted to the portal is refused: sign-in goes through the provider', async () => {
      const response = await fetch(`${portal}/api/auth/sign-in/social`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', Origin: portal },
        body: JSON.stringify({ provider: 'oidc', idToken: { token: 'eyJhbGciOiJub25lIn0.e30.' } }),
      });
      assert.equal(response.status, 400);
      assert.match(((await response.json()) as { message: string }).message, /provider’s own page/);
    });
  });
}
