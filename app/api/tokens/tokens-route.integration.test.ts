import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { services } from '../../../lib/services.ts';
import type { PublishingFixture } from '../../../testing/publishing.ts';
import { signedInUser } from '../../../testing/identity.ts';
import { startRouteServices } from '../../../testing/route-services.ts';
import { DELETE } from './[id]/route.ts';
import { GET, POST } from './route.ts';

/** A POST /api/tokens with `body` from a page of the portal signed in with `cookie`. */
function create(cookie: string, body: string, contentType = 'application/json'): Promise<Response> {
  return POST(
    new Request('http://127.0.0.1:3000/api/tokens', {
      method: 'POST',
      headers: { 'Content-Type': contentType, Origin: 'http://127.0.0.1:3000', host: '127.0.0.1:3000', cookie },
      body,
    }),
  );
}

const bearer = (token: string) => ({ headers: { Authorization: `Bearer ${token}` } });
const session = (cookie: string) => ({ headers: { cookie, Origin: 'http://127.0.0.1:3000', host: '127.0.0.1:3000' } });

describe('the tokens API (AUTH=required)', () => {
  let fixture: PublishingFixture;
  let editor: string;
  let admin: string;

  before(async () => {
    fixture = await startRouteServices('required');
    editor = (await signedInUser(services().identity, 'editor')).cookie;
    admin = (await signedInUser(services().identity, 'admin')).cookie;
  });
  after(() => fixture.stop());

  test('POST answers 201 with the token once; GET lists it without its text; the new token works', async () => {
    const response = await create(editor, JSON.stringify({ name: '  ci-deploy ', role: 'viewer', expiresInDays: 7 }));
    assert.equal(response.status, 201, await response.clone().text());
    const created = (await response.json()) as { id: string; name: string; role: string; token: string; expiresAt: string };
    assert.deepEqual(Object.keys(created).sort(), ['expiresAt', 'id', 'name', 'role', 'token']);
    assert.deepEqual([created.name, created.role], ['ci-deploy', 'viewer']);
    assert.ok(Math.abs(Date.parse(created.expiresAt) - Date.now() - 7 * 86_400_000) < 60_000);

    const minted = await POST(
      new Request('http://127.0.0.1:3000/api/tokens', {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${created.token}` },
        body: JSON.stringify({ name: 'child', role: 'viewer' }),
      }),
    );
    assert.equal(minted.status, 403, 'a token makes no token');
    const listed = await GET(new Request('http://127.0.0.1:3000/api/tokens', bearer(created.token)));
    assert.deepEqual(
      [listed.status, ((await listed.json()) as { required: string }).required],
      [403, 'editor'],
      'a viewer token may not list',
    );
    const text = await (await GET(new Request('http://127.0.0.1:3000/api/tokens', session(editor)))).text();
    assert.ok(text.includes(created.id) && !text.includes(created.token.slice(8)) && !text.includes('tokenHash'));
  });

  test('hostile or wrong input is refused naming the field, and no token is made', async () => {
    const before = await fixture.database.prisma.apiToken.count();
    const cases: [string, number, RegExp][] = [
      [JSON.stringify({ role: 'viewer' }), 422, /name is required/],
      [JSON.stringify({ name: ' ', role: 'viewer' }), 422, /name is empty/],
      [JSON.stringify({ name: 'x'.repeat(101), role: 'viewer' }), 422, /at most 100 characters/],
      [JSON.stringify({ name: 'a\u0000b', role: 'viewer' }), 422, /name contains control characters/],
      [JSON.stringify({ name: 'n', role: 'root' }), 422, /role must be one of viewer, editor, admin/],
      [JSON.stringify({ name: 'n', role: 'viewer', expiresInDays: 0 }), 422, /expiresInDays must be at least 1/],
      [JSON.stringify({ name: 'n', role: 'viewer', expiresInDays: 1.5 }), 422, /whole number/],
      [JSON.stringify({ name: 'n', role: 'viewer', expiresInDays: 3651 }), 422, /at most 3650/],
      [JSON.stringify({ name: 'n', role: 'viewer', expiresInDays: '30' }), 422, /expiresInDays must be a whole number/],
      ['[]', 422, /JSON object/],
      ['{', 400, /not JSON/],
      [JSON.stringify({ name: 'n'.repeat(5000), role: 'viewer' }), 413, /at most 4096/],
      [JSON.stringify({ name: 'up', role: 'admin' }), 403, /needs the admin role/],
    ];
    for (const [body, status, error] of cases) {
      const response = await create(editor, body);
      const answer = (await response.json()) as { error: string; issues?: { path: string; message: string }[]; required?: string };
      assert.equal(response.status, status, body.slice(0, 80));
      assert.match([answer.error, ...(answer.issues ?? []).map((i) => i.message)].join(' '), error, body.slice(0, 80));
    }
    assert.equal((await create(editor, '{"name":"n","role":"viewer"}', 'text/plain')).status, 415);
    assert.equal(await fixture.database.prisma.apiToken.count(), before);
    assert.equal((await create(admin, JSON.stringify({ name: 'admin-made', role: 'admin' }))).status, 201, 'an admin may');
  });

  test("DELETE revokes one's own token; another's is 404, as is an unknown id", async () => {
    const made = (await (await create(editor, JSON.stringify({ name: 'gone', role: 'viewer' }))).json()) as { id: string; token: string };
    const adminMade = (await (await create(admin, JSON.stringify({ name: 'not-yours', role: 'viewer' }))).json()) as { id: string };
    const remove = (id: string, cookie: string) =>
      DELETE(new Request(`http://127.0.0.1:3000/api/tokens/${id}`, { method: 'DELETE', ...session(cookie) }), {
        params: Promise.resolve({ id }),
      });
    const revoked = await remove(made.id, editor);
    assert.equal(revoked.status, 200);
    assert.ok(((await revoked.json()) as { revokedAt: string | null }).revokedAt);
    assert.equal((await GET(new Request('http://127.0.0.1:3000/api/tokens', bearer(made.token)))).status, 401);
    const others = await remove(adminMade.id, editor);
    assert.deepEqual([others.status, ((await others.json()) as { id: string }).id], [404, adminMade.id]);
    assert.equal((await remove('no-such-token', editor)).status, 404);
    assert.equal((await remove('a\u0000b', editor)).status, 400);
    assert.equal((await remove(adminMade.id, admin)).status, 200);
  });
});
