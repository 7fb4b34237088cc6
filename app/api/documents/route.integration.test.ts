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
