import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { CLIENT_ADDRESS_HEADER } from '../../../lib/auth/client-address.ts';
import type { AuditPage } from '../../../lib/audit/audit-log.ts';
import type { PublishingFixture } from '../../../testing/publishing.ts';
import { startRouteServices } from '../../../testing/route-services.ts';
import { POST as publishTopic } from '../../topics/[...topic]/route.ts';
import { GET } from './route.ts';

let fixture: PublishingFixture;
before(async () => (fixture = await startRouteServices()));
after(() => fixture.stop());

async function audit(search: string): Promise<{ status: number; body: AuditPage & { error?: string; parameter?: string } }> {
  const response = await GET(new Request(`http://127.0.0.1:3000/api/audit${search}`));
  return { status: response.status, body: (await response.json()) as AuditPage & { error?: string; parameter?: string } };
}

test('POST /topics is audited as event.publish by the actor, from the address server.ts stamped', async () => {
  const topic = `audit-route-${Date.now()}`;
  const response = await publishTopic(
    new Request(`http://127.0.0.1:3000/topics/${topic}`, {
      method: 'POST',
      body: 'ping',
      headers: { [CLIENT_ADDRESS_HEADER]: '203.0.113.5' },
    }),
    { params: Promise.resolve({ topic: [topic] }) },
  );
  assert.equal(response.status, 200);
  const { status, body } = await audit('?action=event.publish');
  assert.equal(status, 200);
  assert.deepEqual(
    body.events.map((e) => [e.actor, e.target, e.detail, e.ip]),
    [[{ kind: 'local', id: 'local', name: 'local' }, topic, { topic, bytes: 4, forced: false }, '203.0.113.5']],
  );
});

test('a topic the broker refuses is a 400 and no row', async () => {
  const response = await publishTopic(new Request('http://127.0.0.1:3000/topics/master', { method: 'POST', body: 'x' }), {
    params: Promise.resolve({ topic: ['master'] }),
  });
  assert.equal(response.status, 400);
  assert.equal((await audit('?action=event.publish')).body.events.length, 1);
});

test('GET /api/audit lists newest first with a cursor, and answers bad parameters with a 400 naming them', async () => {
  const first = await audit('?action=document.&limit=3');
  assert.equal(first.status, 200);
  assert.equal(first.body.events.length, 3);
  assert.ok(first.body.events.every((e) => e.action === 'document.register' && e.actor.name === 'portal'));
  const rest = await audit(`?action=document.&limit=3&before=${first.body.next}`);
  assert.equal(rest.body.events.length, 1, 'the fixture registered four documents');
  assert.equal(rest.body.next, null);
  for (const [search, parameter] of [
    ['?limit=1001', 'limit'],
    ['?since=soon', 'since'],
    ['?action=drop.table', 'action'],
    ['?before=abc', 'before'],
  ]) {
    const { status, body } = await audit(search ?? '');
    assert.deepEqual([status, body.parameter], [400, parameter], search);
    assert.match(body.error ?? '', /\w/);
  }
});
