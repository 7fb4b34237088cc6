import assert from 'node:assert/strict';
import { readdirSync } from 'node:fs';
import { join, sep } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { after, before, describe, test } from 'node:test';
import { createAuditLog } from '../../lib/audit/audit-log.ts';
import { createPasswordUser } from '../../lib/auth/bootstrap.ts';
import { CLIENT_ADDRESS_HEADER } from '../../lib/auth/client-address.ts';
import type { Identity } from '../../lib/auth/identity.ts';
import { LOCAL_ACTOR, ROLES, hasRole, type Actor, type Role } from '../../lib/auth/roles.ts';
import { MAX_PAYLOAD_BYTES } from '../../lib/broker/publish.ts';
import { checkHealth } from '../../lib/health.ts';
import { createRecordings } from '../../lib/recordings/recordings.ts';
import { provideServices } from '../../lib/services.ts';
import { cookieOf, testIdentity } from '../../testing/identity.ts';
import { startPublishing, type PublishingFixture } from '../../testing/publishing.ts';
import { POST as authPost } from './auth/[...all]/route.ts';

// Every route handler under app/ with the role it needs, checked by calling it as each kind of visitor.
// A route (or method) missing from ROUTES fails the first test: a new route must say who may call it.

const APP = fileURLToPath(new URL('..', import.meta.url));
const HTTP_METHODS = ['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS'] as const;
/** better-auth's own endpoints: sign-in is for the signed out, and tested in lib/auth/. */
const NOT_ROLE_CHECKED = ['api/auth/[...all]/route.ts'];
const PASSWORD = 'correct horse battery staple';

type Method = (typeof HTTP_METHODS)[number];
type Handler = (request: Request, context: { params: Promise<Record<string, string | string[]>> }) => Promise<Response> | Response;

interface RouteCase {
  /** The route file under app/, with `/` between folders. */
  file: string;
  method: Method;
  /** The least role that may call it, or `open` for everyone, signed in or not. */
  role: Role | 'open';
  path: string;
  params?: Record<string, string | string[]>;
  /** The role asked for before the body is read, when below `role`: a caller below it is told that one. */
  entry?: Role;
  /** Only to say what is sent; the body may well be refused (400, 404, 422): only 401 and 403 matter here. */
  body?: string;
  contentType?: string;
  /** Refused to every API token, whatever its role (a token makes no token): 403 where the role would do. */
  notForTokens?: true;
}

const json = 'application/json';
const ROUTES: RouteCase[] = [
  { file: 'api/health/route.ts', method: 'GET', role: 'open', path: '/api/health' },
  { file: 'api/documents/route.ts', method: 'GET', role: 'viewer', path: '/api/documents?q=sensor' },
  { file: 'api/documents/route.ts', method: 'POST', role: 'editor', path: '/api/documents', body: '', contentType: 'application/yaml' },
  {
    file: 'api/documents/route.ts',
    method: 'POST',
    role: 'admin',
    path: '/api/documents?force=true',
    body: '',
    contentType: 'application/yaml',
  },
  // A dry run stores nothing: whoever may read the catalogue may ask.
  {
    file: 'api/documents/route.ts',
    method: 'POST',
    role: 'viewer',
    path: '/api/documents?dryRun=true',
    body: '',
    contentType: 'application/yaml',
  },
  {
    file: 'api/documents/[slug]/compatibility/route.ts',
    method: 'GET',
    role: 'viewer',
    path: '/api/documents/greenhouse-sensors/compatibility',
    params: { slug: 'greenhouse-sensors' },
  },
  // An unknown document: an allowed role gets 404, so no document's mode changes.
  {
    file: 'api/documents/[slug]/compatibility/route.ts',
    method: 'PUT',
    role: 'admin',
    path: '/api/documents/no-such-document/compatibility',
    params: { slug: 'no-such-document' },
    body: JSON.stringify({ mode: 'FULL' }),
    contentType: json,
  },
  {
    file: 'api/documents/[slug]/route.ts',
    method: 'GET',
    role: 'viewer',
    path: '/api/documents/greenhouse-sensors',
    params: { slug: 'greenhouse-sensors' },
  },
  {
    file: 'api/documents/[slug]/diff/route.ts',
    method: 'GET',
    role: 'viewer',
    path: '/api/documents/greenhouse-sensors/diff?from=2.1.0&to=2.1.0',
    params: { slug: 'greenhouse-sensors' },
  },
  {
    file: 'api/documents/[slug]/versions/[version]/route.ts',
    method: 'GET',
    role: 'viewer',
    path: '/api/documents/greenhouse-sensors/versions/2.1.0',
    params: { slug: 'greenhouse-sensors', version: '2.1.0' },
  },
  // An unknown version: an allowed role gets 404, so the catalogue is left as it is.
  ...(['draft', 'released', 'deprecated'] as const).map((status): RouteCase => ({
    file: 'api/documents/[slug]/versions/[version]/route.ts',
    method: 'PATCH',
    role: 'editor',
    path: '/api/documents/greenhouse-sensors/versions/9.9.9',
    params: { slug: 'greenhouse-sensors', version: '9.9.9' },
    body: JSON.stringify({ status }),
    contentType: json,
  })),
  {
    file: 'api/documents/[slug]/versions/[version]/route.ts',
    method: 'PATCH',
    role: 'admin',
    path: '/api/documents/greenhouse-sensors/versions/9.9.9',
    params: { slug: 'greenhouse-sensors', version: '9.9.9' },
    body: JSON.stringify({ status: 'retired' }),
    contentType: json,
  },
  { file: 'api/users/route.ts', method: 'GET', role: 'admin', path: '/api/users' },
  // An invalid role: 422 for an admin, so nobody is created.
  {
    file: 'api/users/route.ts',
    method: 'POST',
    role: 'admin',
    path: '/api/users',
    body: JSON.stringify({ email: 'route-roles@example.com', role: 'owner' }),
    contentType: json,
  },
  // An unknown user: 404 for an admin, so nobody is changed.
  {
    file: 'api/users/[id]/route.ts',
    method: 'PATCH',
    role: 'admin',
    path: '/api/users/no-such-user',
    params: { id: 'no-such-user' },
    body: JSON.stringify({ role: 'viewer' }),
    contentType: json,
  },
  { file: 'api/channels/route.ts', method: 'GET', role: 'viewer', path: '/api/channels?q=reading' },
  { file: 'api/drift/route.ts', method: 'GET', role: 'viewer', path: '/api/drift?window=1h' },
  { file: 'api/conformance/route.ts', method: 'GET', role: 'viewer', path: '/api/conformance' },
  { file: 'api/traffic/route.ts', method: 'GET', role: 'viewer', path: '/api/traffic?status=violates&limit=5' },
  { file: 'api/queue/route.ts', method: 'GET', role: 'viewer', path: '/api/queue' },
  { file: 'api/audit/route.ts', method: 'GET', role: 'admin', path: '/api/audit?action=document.&limit=5' },
  { file: 'api/publish/channels/route.ts', method: 'GET', role: 'viewer', path: '/api/publish/channels' },
  {
    file: 'api/publish/channels/[slug]/[version]/route.ts',
    method: 'GET',
    role: 'viewer',
    path: '/api/publish/channels/greenhouse-sensors/2.1.0?channel=sensorReading',
    params: { slug: 'greenhouse-sensors', version: '2.1.0' },
  },
  // A body without `topic`: 422 for an allowed role, and nothing is published.
  { file: 'api/publish/route.ts', method: 'POST', role: 'editor', path: '/api/publish', body: '{}', contentType: json },
  {
    file: 'topics/[...topic]/route.ts',
    method: 'POST',
    role: 'editor',
    path: '/topics/route-roles/test',
    params: { topic: ['route-roles', 'test'] },
    body: 'ping',
    contentType: 'text/plain',
  },
  // One byte over the limit: 413 for an allowed role, so nothing is queued on the shared portal:deferred stream,
  // where a later test's worker would find it.
  { file: 'api/tokens/route.ts', method: 'GET', role: 'editor', path: '/api/tokens' },
  // No name: 422 for an allowed role, and no token is made.
  { file: 'api/tokens/route.ts', method: 'POST', role: 'editor', path: '/api/tokens', body: '{ "role": "viewer" }', contentType: json },
  // A token above the editor role: only an admin (or an admin token) may make one.
  {
    file: 'api/tokens/route.ts',
    method: 'POST',
    role: 'admin',
    entry: 'editor',
    path: '/api/tokens',
    body: JSON.stringify({ name: 'route-roles', role: 'admin', expiresInDays: 1 }),
    contentType: json,
    notForTokens: true,
  },
  // An unknown token: 404 for an allowed role.
  {
    file: 'api/tokens/[id]/route.ts',
    method: 'DELETE',
    role: 'editor',
    path: '/api/tokens/no-such-token',
    params: { id: 'no-such-token' },
  },
  { file: 'api/recordings/route.ts', method: 'GET', role: 'viewer', path: '/api/recordings' },
  // An empty body: 422 for an allowed role, so no recording starts.
  { file: 'api/recordings/route.ts', method: 'POST', role: 'editor', path: '/api/recordings', body: '{}', contentType: json },
  // An unknown recording: 404 for an allowed role.
  ...(
    [
      ['api/recordings/[id]/route.ts', 'GET', 'viewer', ''],
      ['api/recordings/[id]/messages/route.ts', 'GET', 'viewer', '/messages?format=json'],
      ['api/recordings/[id]/stop/route.ts', 'POST', 'editor', '/stop'],
      ['api/recordings/[id]/replay/route.ts', 'DELETE', 'editor', '/replay'],
      ['api/recordings/[id]/replay/cancel/route.ts', 'POST', 'editor', '/replay/cancel'],
    ] as const
  ).map(([file, method, role, rest]): RouteCase => ({
    file,
    method,
    role,
    path: `/api/recordings/no-such-recording${rest}`,
    params: { id: 'no-such-recording' },
  })),
  {
    file: 'api/recordings/[id]/replay/route.ts',
    method: 'POST',
    role: 'editor',
    path: '/api/recordings/no-such-recording/replay',
    params: { id: 'no-such-recording' },
    body: '{ "speed": "max" }',
    contentType: json,
  },
  {
    file: 'deferred-exec/route.ts',
    method: 'POST',
    role: 'editor',
    path: '/deferred-exec',
    body: 'x'.repeat(MAX_PAYLOAD_BYTES + 1),
    contentType: 'text/plain',
  },
];

/** Every route file under app/ (but NOT_ROLE_CHECKED) with the HTTP methods it exports. */
async function routeMethods(): Promise<string[]> {
  const files = readdirSync(APP, { recursive: true, encoding: 'utf8' })
    .map((file) => file.split(sep).join('/'))
    .filter((file) => file.endsWith('/route.ts') || file === 'route.ts')
    .filter((file) => !NOT_ROLE_CHECKED.includes(file));
  const found: string[] = [];
  for (const file of files) {
    const module = (await import(pathToFileURL(join(APP, file)).href)) as Record<string, unknown>;
    for (const method of HTTP_METHODS) if (typeof module[method] === 'function') found.push(`${method} ${file}`);
  }
  return found.sort();
}

/** How a caller proves who they are: a session cookie, or an API token sent as `Authorization: Bearer`. */
type Credentials = { cookie: string } | { bearer: string } | null;

async function call(route: RouteCase, credentials: Credentials): Promise<{ status: number; body: Record<string, unknown> }> {
  const module = (await import(pathToFileURL(join(APP, route.file)).href)) as Record<Method, Handler>;
  const headers: Record<string, string> = {
    ...(route.contentType ? { 'Content-Type': route.contentType } : {}),
    ...(credentials && 'cookie' in credentials ? { cookie: credentials.cookie } : {}),
    ...(credentials && 'bearer' in credentials ? { authorization: `Bearer ${credentials.bearer}` } : {}),
  };
  const request = new Request(`http://127.0.0.1:3000${route.path}`, {
    method: route.method,
    headers,
    ...(route.body !== undefined ? { body: route.body } : {}),
  });
  const response = await module[route.method](request, { params: Promise.resolve(route.params ?? {}) });
  const text = await response.text();
  let body: Record<string, unknown> = {};
  if (response.headers.get('Content-Type')?.includes('json')) body = JSON.parse(text) as Record<string, unknown>;
  return { status: response.status, body };
}

const label = (route: RouteCase): string => `${route.method} ${route.path}${route.body ? ` ${route.body}` : ''}`;
const allowed = (status: number): boolean => status !== 401 && status !== 403;
/** The role a 403 names for a caller of `role`: the entry role when they are below even that, else the route's. */
const named = (route: RouteCase, role: Role): Role | 'open' => (route.entry && !hasRole(role, route.entry) ? route.entry : route.role);

let fixture: PublishingFixture;

/** Provides the route handlers' services with `identity`, as server.ts does. */
function serve(identity: Identity): void {
  provideServices({
    catalogue: fixture.catalogue,
    broker: fixture.broker,
    publishing: fixture.publisher,
    audit: createAuditLog(fixture.database.prisma),
    traffic: {
      snapshot: () => Promise.resolve({ catalogued: [], undocumented: [], since: Date.now() }),
      recent: () => Promise.resolve([]),
    },
    recordings: createRecordings({
      db: fixture.database.prisma,
      broker: fixture.connection,
      channel: 'event-portal:recordings:route-roles',
    }),
    health: () => checkHealth(fixture.database, fixture.connection),
    identity,
    allowedOrigins: [],
  });
}

describe('every route handler asks for its role (PGlite)', () => {
  const cookies = new Map<Role, Credentials>();
  const tokens = new Map<Role, Credentials>();
  let revokedToken: Credentials = null;
  let required: Identity;

  before(async () => {
    fixture = await startPublishing();
    const made = testIdentity(fixture.database.prisma, 'required');
    let admin: Actor = LOCAL_ACTOR;
    required = made.identity;
    serve(required);
    for (const role of ROLES) {
      const id = await createPasswordUser(made.auth, fixture.database.prisma, { email: `${role}@example.com`, password: PASSWORD, role });
      if (role === 'admin') admin = { kind: 'user', id, name: 'admin', role };
      const response = await authPost(
        new Request('http://127.0.0.1:3000/api/auth/sign-in/email', {
          method: 'POST',
          headers: { 'Content-Type': json, [CLIENT_ADDRESS_HEADER]: '192.0.2.1' },
          body: JSON.stringify({ email: `${role}@example.com`, password: PASSWORD }),
        }),
      );
      assert.equal(response.status, 200, `${role} signs in`);
      const cookie = cookieOf(response);
      cookies.set(role, { cookie });
    }
    for (const role of ROLES) tokens.set(role, { bearer: (await required.tokens.create(admin, { name: `${role}-token`, role })).token });
    const revoked = await required.tokens.create(admin, { name: 'revoked-token', role: 'admin' });
    await required.tokens.revoke(admin, revoked.id);
    revokedToken = { bearer: revoked.token };
  });
  after(() => fixture.stop());

  test('the table names every route file and method under app/', async () => {
    const listed = [...new Set(ROUTES.map((route) => `${route.method} ${route.file}`))].sort();
    assert.deepEqual(listed, await routeMethods(), 'add each new route handler to ROUTES with the role it needs');
  });

  test('AUTH=required: signed out 401, below the role 403 naming it, at or above it allowed', async () => {
    serve(required);
    for (const route of ROUTES) {
      const anonymous = await call(route, null);
      if (route.role === 'open') assert.ok(allowed(anonymous.status), `${label(route)} signed out: ${anonymous.status}`);
      else {
        assert.equal(anonymous.status, 401, `${label(route)} signed out`);
        assert.deepEqual(Object.keys(anonymous.body), ['error'], `${label(route)} signed out`);
      }
      for (const role of ROLES) {
        const { status, body } = await call(route, cookies.get(role) ?? null);
        if (route.role === 'open' || hasRole(role, route.role)) assert.ok(allowed(status), `${label(route)} as ${role}: ${status}`);
        else assert.deepEqual([status, body.required], [403, named(route, role)], `${label(route)} as ${role}`);
      }
    }
  });

  test('AUTH=required with API tokens: each acts as its role; a revoked one is 401 saying so, never signed out', async () => {
    serve(required);
    for (const route of ROUTES) {
      for (const role of ROLES) {
        const { status, body } = await call(route, tokens.get(role) ?? null);
        if (route.notForTokens && route.role !== 'open' && hasRole(role, route.role))
          assert.deepEqual(
            [status, /cannot create API tokens/.test(String(body.error))],
            [403, true],
            `${label(route)} with a ${role} token`,
          );
        else if (route.role === 'open' || hasRole(role, route.role))
          assert.ok(allowed(status), `${label(route)} with a ${role} token: ${status}`);
        else assert.deepEqual([status, body.required], [403, named(route, role)], `${label(route)} with a ${role} token`);
      }
      const { status, body } = await call(route, revokedToken);
      if (route.role === 'open') assert.ok(allowed(status), `${label(route)} with a revoked token: ${status}`);
      else assert.deepEqual([status, body.reason], [401, 'revoked'], `${label(route)} with a revoked token`);
    }
  });

  test('AUTH=required with AUTH_ANONYMOUS_READ: signed out reads, but changes nothing', async () => {
    serve(testIdentity(fixture.database.prisma, 'required', undefined, { anonymousRead: true }).identity);
    for (const route of ROUTES) {
      const { status } = await call(route, null);
      if (route.role === 'open' || route.role === 'viewer') assert.ok(allowed(status), `${label(route)} signed out: ${status}`);
      else assert.equal(status, 401, `${label(route)} signed out`);
    }
    const { status, body } = await call(
      ROUTES.find((route) => route.method === 'POST')!,
      cookies.get('viewer') ?? null,
    );
    assert.deepEqual([status, body.required], [403, 'editor'], 'a signed-in viewer still may not change anything');
    for (const route of ROUTES.filter((r) => r.role !== 'open')) {
      const revoked = await call(route, revokedToken);
      assert.deepEqual(
        [revoked.status, revoked.body.reason],
        [401, 'revoked'],
        `${label(route)} with a revoked token is not read as signed out`,
      );
    }
  });

  test('AUTH=local: everyone, signed out or with any token (not even read), is the admin "local"', async () => {
    serve(testIdentity(fixture.database.prisma, 'local').identity);
    for (const route of ROUTES) {
      for (const credentials of [null, revokedToken, tokens.get('viewer') ?? null]) {
        const { status } = await call(route, credentials);
        assert.ok(allowed(status), `${label(route)} in AUTH=local: ${status}`);
      }
    }
  });
});
