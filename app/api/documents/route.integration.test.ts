import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import type { PublishingFixture } from '../../../testing/publishing.ts';
import { startRouteServices } from '../../../testing/route-services.ts';
import { GET, POST } from './route.ts';

// What the registration route adds to the catalogue's own checks: the body is read as the bytes sent.
let fixture: PublishingFixture;

before(async () => (fixture = await startRouteServices()));

after(() => fixture.stop());

const document = (title: string): string =>
  `asyncapi: 3.0.0\ninfo:\n  title: ${title}\n  version: 1.0.0\nchannels:\n  ping:\n    address: ping\n    messages:\n      Ping:\n        payload: { type: string }\n`;

async function register(body: Buffer): Promise<{ status: number; body: { error?: string; diagnostics?: { line: number }[] } }> {
  const response = await POST(
    new Request('http://portal/api/documents', {
      method: 'POST',
      headers: { 'Content-Type': 'application/yaml' },
      body: new Uint8Array(body),
    }),
  );
  return { status: response.status, body: (await response.json()) as { error?: string; diagnostics?: { line: number }[] } };
}

async function titles(): Promise<string[]> {
  const { documents } = (await (await GET(new Request('http://portal/api/documents'))).json()) as { documents: { title: string }[] };
  return documents.map((d) => d.title);
}

test('a document that is not UTF-8 is refused with 422 at its byte, and nothing is stored', async () => {
  const [head, tail] = document('Caf_ Events').split('_') as [string, string];
  const answer = await register(Buffer.concat([Buffer.from(head), Buffer.from([0xe9]), Buffer.from(tail)]));
  assert.equal(answer.status, 422);
  assert.match(answer.body.error ?? '', /not valid UTF-8 at byte 34 \(line 3, column 13\)/);
  assert.equal(answer.body.diagnostics?.[0]?.line, 3);
  assert.ok(!(await titles()).some((title) => title.startsWith('Caf')));
});

test('a NUL character in a document is a 422, not a 500', async () => {
  const answer = await register(Buffer.from(document('"Nul\\u0000 Events"').replace('"Nul\\u0000 Events"', 'Nul\u0000 Events')));
  assert.equal(answer.status, 422);
  assert.match(answer.body.error ?? '', /contains a NUL character at byte 34 \(line 3, column 13\)/);
});

test('a UTF-8 document with a U+FFFD of its own is registered as sent', async () => {
  const answer = await register(Buffer.from(document('Repl \uFFFD Events'), 'utf8'));
  assert.equal(answer.status, 201);
  assert.ok((await titles()).includes('Repl \uFFFD Events'));
});

test('a NUL written as an escape in a value is a 422, not a 500', async () => {
  const answer = await register(Buffer.from(document('"Nul\\u0000 Events"')));
  assert.equal(answer.status, 422);
  assert.match(answer.body.error ?? '', /NUL/);
});

test('half of a surrogate pair written as an escape is a 422 naming its place, not a 500', async () => {
  const text = document('Half Pair Events').replace('address: ping', 'address: ping\n    description: "x\\ud800y"');
  const answer = await register(Buffer.from(text));
  assert.equal(answer.status, 422);
  assert.match(answer.body.error ?? '', /`channels.ping.description` contains half of a UTF-16 surrogate pair/);
  assert.ok(!(await titles()).includes('Half Pair Events'));
});

async function dryRun(text: string): Promise<{ status: number; body: Record<string, unknown> }> {
  const response = await POST(
    new Request('http://portal/api/documents?dryRun=true', { method: 'POST', headers: { 'Content-Type': 'application/yaml' }, body: text }),
  );
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}

const versioned = (version: string, payload: string): string =>
  `asyncapi: 3.0.0\ninfo:\n  title: Dry Run Events\n  version: ${version}\nchannels:\n  ping:\n    address: ping\n    messages:\n      Ping:\n        payload: ${payload}\n`;

test('?dryRun=true answers what registering would do and stores nothing: no version, no audit row, no change heard', async () => {
  const heard: number[] = [];
  const unsubscribe = fixture.catalogue.onChange(() => heard.push(Date.now()));
  const auditRows = () => fixture.database.prisma.auditEvent.count({ where: { target: { startsWith: 'dry-run-events' } } });
  try {
    const first = versioned('1.0.0', '{ type: object, properties: { id: { type: integer } } }');
    const fresh = await dryRun(first);
    assert.equal(fresh.status, 200);
    assert.deepEqual(
      { status: fresh.body.status, slug: fresh.body.slug, version: fresh.body.version, dryRun: fresh.body.dryRun },
      { status: 'created', slug: 'dry-run-events', version: '1.0.0', dryRun: true },
    );
    assert.ok(!(await titles()).includes('Dry Run Events'), 'the dry run stored no document');
    assert.equal(await auditRows(), 0);

    assert.equal((await register(Buffer.from(first))).status, 201, 'the real registration still goes through');
    assert.equal((await dryRun(first)).body.status, 'unchanged');

    const breaking = await dryRun(versioned('1.1.0', '{ type: string }'));
    assert.equal(breaking.status, 409, 'a breaking change with a minor bump is refused as registering would be');
    assert.ok(Array.isArray(breaking.body.breakingChanges) && breaking.body.breakingChanges.length > 0);

    const conflict = await dryRun(versioned('1.0.0', '{ type: object }'));
    assert.equal(conflict.status, 409, 'the same version with other content conflicts');

    const versions = await fixture.catalogue.getDocument('dry-run-events');
    assert.deepEqual(
      versions.versions.map((v) => v.version),
      ['1.0.0'],
    );
    assert.equal(await auditRows(), 1, 'only the real registration was audited');
    assert.equal(heard.length, 1, 'only the real registration was announced');
  } finally {
    unsubscribe();
  }
});
