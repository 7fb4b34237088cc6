import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { startRouteServices } from '../../../testing/route-services.ts';
import type { PublishingFixture } from '../../../testing/publishing.ts';
import { PATCH } from './[id]/route.ts';
import { GET, POST } from './route.ts';

// The handlers' answers as an admin (AUTH=local): what is created, refused and changed. Roles: route-roles.integration.test.ts.

const json = (body: unknown): RequestInit => ({
  method: 'POST',
  headers: { 'Content-Type': 'application/json' },
  body: typeof body === 'string' ? body : JSON.stringify(body),
});

async function invite(body: unknown): Promise<{ status: number; body: Record<string, unknown> }> {
  const response = await POST(new Request('http://127.0.0.1:3000/api/users', json(body)));
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}

async function change(id: string, body: unknown): Promise<{ status: number; body: Record<string, unknown> }> {
  const response = await PATCH(new Request(`http://127.0.0.1:3000/api/users/${id}`, { ...json(body), method: 'PATCH' }), {
    params: Promise.resolve({ id }),
  });
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}

describe('/api/users', () => {
  let fixture: PublishingFixture;
  before(async () => (fixture = await startRouteServices()));
  after(() => fixture.stop());

  test('POST invites: 201 with the user and a one-time password, not cached; the email again is a 409', async () => {
    const response = await POST(new Request('http://127.0.0.1:3000/api/users', json({ email: 'Ann@Example.com', role: 'admin' })));
    assert.equal(response.status, 201);
    assert.equal(response.headers.get('Cache-Control'), 'no-store');
    const { user, password } = (await response.json()) as { user: Record<string, unknown>; password: string };
    assert.deepEqual([user.email, user.role, user.active, user.mustChangePassword], ['ann@example.com', 'admin', true, true]);
    assert.equal(typeof password, 'string');
    const again = await invite({ email: 'ann@example.com', role: 'viewer' });
    assert.deepEqual([again.status, again.body.email], [409, 'ann@example.com']);
  });

  test('POST refuses hostile input with 4xx and creates nobody', async () => {
    const cases: [unknown, number][] = [
      [{ email: 'x@example.com', role: 'owner' }, 422],
      [{ email: 'not-an-email', role: 'viewer' }, 422],
      [{ email: `${'a'.repeat(300)}@example.com`, role: 'viewer' }, 422],
      [{ email: 'x@example.com', role: 'viewer', name: 'n'.repeat(101) }, 422],
      [{ email: 'x@example.com', role: 'viewer', name: 'a\u0000b' }, 422],
      [{ email: 'x@example.com', role: 'viewer', admin: true }, 422],
      ['{"email":', 400],
      [{ email: 'x@example.com', role: 'viewer', name: 'x'.repeat(5000) }, 413],
    ];
    for (const [body, status] of cases) assert.equal((await invite(body)).status, status, JSON.stringify(body).slice(0, 80));
    const list = (await (await GET(new Request('http://127.0.0.1:3000/api/users'))).json()) as { users: { email: string }[] };
    assert.deepEqual(
      list.users.map((u) => u.email),
      ['ann@example.com'],
    );
  });

  test('PATCH changes a role; the last active admin is a 409; an unknown id a 404; an empty change a 422', async () => {
    const { body } = await invite({ email: 'bo@example.com', role: 'viewer' });
    const bo = body.user as { id: string };
    const ann = (
      (await (await GET(new Request('http://127.0.0.1:3000/api/users'))).json()) as { users: { id: string; email: string }[] }
    ).users.find((u) => u.email === 'ann@example.com');
    assert.ok(ann);
    const changed = await change(bo.id, { role: 'editor' });
    assert.deepEqual([changed.status, changed.body.role], [200, 'editor']);
    const refused = await change(ann.id, { active: false });
    assert.equal(refused.status, 409);
    assert.match(String(refused.body.error), /last active admin/);
    assert.equal((await change('nobody', { role: 'viewer' })).status, 404);
    assert.equal((await change(bo.id, {})).status, 422);
    assert.equal((await change(bo.id, { active: 'no' })).status, 422);
  });
});
