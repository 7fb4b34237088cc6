import assert from 'node:assert/strict';
import { once } from 'node:events';
import { after, before, describe, test } from 'node:test';
import { createPasswordUser } from '../../../lib/auth/bootstrap.ts';
import { CLIENT_ADDRESS_HEADER } from '../../../lib/auth/client-address.ts';
import type { Role } from '../../../lib/auth/roles.ts';
import { connectBroker, type BrokerConnection } from '../../../lib/broker/redis.ts';
import type { Database } from '../../../prisma/db.ts';
import { testBackends } from '../../../testing/databases.ts';
import { cookieOf } from '../../../testing/identity.ts';
import { useRedis, type TestRedis } from '../../../testing/redis.ts';
import { serveRoutes } from '../../../testing/route-services.ts';
import { POST as authPost } from '../auth/[...all]/route.ts';
import { PUT as putCompatibility } from './[slug]/compatibility/route.ts';
import { POST as register } from './route.ts';

// The first route that asks for a role: registering needs an editor, forcing past breaking changes an admin.
const PASSWORD = 'correct horse battery staple';
let redis: TestRedis;
let broker: BrokerConnection;

before(async () => {
  redis = await useRedis();
  broker = connectBroker(redis.url);
  await once(broker.redis, 'ready');
});

after(async () => {
  await broker.close();
  await redis.stop();
});

const document = (title: string): string =>
  `asyncapi: 3.0.0\ninfo:\n  title: ${title}\n  version: 1.0.0\nchannels:\n  ping:\n    address: ping\n    messages:\n      Ping:\n        payload: { type: string }\n`;

let titles = 0;
async function registerAs(cookie: string | null, force = false): Promise<{ status: number; body: Record<string, unknown> }> {
  const response = await register(
    new Request(`http://127.0.0.1:3000/api/documents${force ? '?force=true' : ''}`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/yaml', ...(cookie ? { cookie } : {}) },
      body: document(`Roles Test ${++titles}`),
    }),
  );
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}

/** Signs in through POST /api/auth/sign-in/email, as a browser on the portal would. */
async function signIn(email: string, headers: Record<string, string> = {}): Promise<Response> {
  return authPost(
    new Request('http://127.0.0.1:3000/api/auth/sign-in/email', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', [CLIENT_ADDRESS_HEADER]: '192.0.2.1', ...headers },
      body: JSON.stringify({ email, password: PASSWORD }),
    }),
  );
}

for (const backend of testBackends()) {
  describe(`POST /api/documents by role on ${backend.name}`, { skip: backend.skip ?? false }, () => {
    let database: Database;
    before(async () => (database = await backend.open()));
    after(() => database.close());

    test('AUTH=local: anyone registers, and forces, as the admin "local"', async () => {
      serveRoutes(database, broker, 'local');
      assert.equal((await registerAs(null)).status, 201);
      assert.equal((await registerAs(null, true)).status, 201);
    });

    test('AUTH=required: signed out 401, viewer 403, editor registers but may not force, admin forces', async () => {
      const auth = serveRoutes(database, broker, 'required');
      const cookies: Partial<Record<Role, string>> = {};
      for (const role of ['viewer', 'editor', 'admin'] as const) {
        await createPasswordUser(auth, database.prisma, { email: `${role}@example.com`, password: PASSWORD, role });
        const response = await signIn(`${role}@example.com`);
        assert.equal(response.status, 200, `${role} signs in`);
        cookies[role] = cookieOf(response);
      }
      const anonymous = await registerAs(null);
      assert.deepEqual([anonymous.status, Object.keys(anonymous.body)], [401, ['error']]);
      assert.match(String(anonymous.body.error), /Sign in first/);
      assert.deepEqual(await registerAs(cookies.viewer ?? null), {
        status: 403,
        body: { error: 'This needs the editor role; you are a viewer. Ask an admin for the role.', required: 'editor' },
      });
      assert.equal((await registerAs(cookies.editor ?? null)).status, 201);
      const editorForcing = await registerAs(cookies.editor ?? null, true);
      assert.deepEqual([editorForcing.status, editorForcing.body.required], [403, 'admin']);
      assert.equal((await registerAs(cookies.admin ?? null, true)).status, 201);
    });

    test('AUTH=required: a viewer may dry-run a registration; only an admin sets a compatibility mode', async () => {
      serveRoutes(database, broker, 'required');
      const cookieFor = async (role: Role): Promise<string> => cookieOf(await signIn(`${role}@example.com`));
      const viewer = await cookieFor('viewer');
      const dryRun = await register(
        new Request('http://127.0.0.1:3000/api/documents?dryRun=true', {
          method: 'POST',
          headers: { 'Content-Type': 'application/yaml', cookie: viewer },
          body: document('Roles Dry Run'),
        }),
      );
      assert.deepEqual([dryRun.status, ((await dryRun.json()) as { dryRun?: boolean }).dryRun], [200, true]);

      const admin = await cookieFor('admin');
      const slug = String((await registerAs(admin)).body.slug);
      const setMode = async (cookie: string, mode: unknown) =>
        putCompatibility(
          new Request(`http://127.0.0.1:3000/api/documents/${slug}/compatibility`, {
            method: 'PUT',
            headers: { 'Content-Type': 'application/json', cookie },
            body: JSON.stringify({ mode }),
          }),
          { params: Promise.resolve({ slug }) },
        );
      assert.equal((await setMode(viewer, 'FULL')).status, 403);
      const editor = await setMode(await cookieFor('editor'), 'FULL');
      assert.deepEqual([editor.status, ((await editor.json()) as { required?: string }).required], [403, 'admin']);
      const refused = await setMode(admin, 'SIDEWAYS');
      assert.equal(refused.status, 422);
      assert.match(((await refused.json()) as { error: string }).error, /mode must be one of BACKWARD, BACKWARD_TRANSITIVE/);
      const set = await setMode(admin, 'FULL_TRANSITIVE');
      assert.equal(set.status, 200);
      assert.deepEqual(((await set.json()) as { mode: string; source: string }).source, 'document');
      const reset = (await (await setMode(admin, null)).json()) as { mode: string; source: string };
      assert.deepEqual([reset.mode, reset.source], ['BACKWARD', 'default']);
    });

    test('sign-in is a state change: a page of another site cannot sign a visitor in', async () => {
      serveRoutes(database, broker, 'required');
      const response = await signIn('admin@example.com', { 'Sec-Fetch-Site': 'cross-site', Origin: 'https://evil.example' });
      assert.equal(response.status, 403);
      assert.deepEqual(response.headers.getSetCookie(), []);
    });
  });
}
