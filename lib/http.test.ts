import assert from 'node:assert/strict';
import { test } from 'node:test';
import { BreakingChangesError, DocumentInvalidError, DocumentTooLargeError } from './errors.ts';
import { ParserUnavailableError } from '../asyncapi/worker-connection.ts';
import { errorResponse, readBodyText } from './http.ts';
import { LatestVersionChangedError, NotFoundError, SlugTakenError, VersionConflictError } from '../prisma/store/errors.ts';

function streamingRequest(chunks: string[]): Request {
  const body = new ReadableStream<Uint8Array>({
    start(controller) {
      for (const chunk of chunks) controller.enqueue(new TextEncoder().encode(chunk));
      controller.close();
    },
  });
  return new Request('http://x/', { method: 'POST', body, duplex: 'half' } as RequestInit);
}

test('reads a body as UTF-8 text', async () => {
  assert.equal(await readBodyText(streamingRequest(['asyncapi: 3.0.0\n', 'info: ü'])), 'asyncapi: 3.0.0\ninfo: ü');
});

test('refuses a body past the limit while streaming, without a content-length', async () => {
  await assert.rejects(readBodyText(streamingRequest(['12345', '67890']), 8), DocumentTooLargeError);
});

test('refuses a declared content-length over the limit before reading', async () => {
  const request = new Request('http://x/', { method: 'POST', body: 'x', headers: { 'content-length': '999999999' } });
  await assert.rejects(readBodyText(request), DocumentTooLargeError);
});

test('maps domain errors to their HTTP status with a JSON body', async () => {
  const cases: [Error, number][] = [
    [new DocumentInvalidError('bad', [{ severity: 'error', message: 'm', path: 'info', line: 2, column: 1 }]), 422],
    [new DocumentTooLargeError(6e6), 413],
    [new VersionConflictError('a', '1.0.0'), 409],
    [new NotFoundError('Document "a"'), 404],
    [new LatestVersionChangedError('a', '1.0.0', '1.1.0'), 409],
    [new ParserUnavailableError('Validation took longer than 60 s, so the parser was restarted'), 503],
  ];
  for (const [error, status] of cases) {
    const response = errorResponse(error);
    assert.equal(response.status, status);
    const body = (await response.json()) as { error: string };
    assert.equal(body.error, error.message);
  }
  const invalid = (await errorResponse(cases[0]![0]).json()) as { diagnostics: unknown[] };
  assert.equal(invalid.diagnostics.length, 1);
});

test('breaking changes are a 409 that lists them', async () => {
  const change = { type: 'breaking', kind: 'remove', path: '/channels/a', description: 'Removed channels › a' } as const;
  const response = errorResponse(new BreakingChangesError('a', '1.1.0', '1.0.0', [change]));
  assert.equal(response.status, 409);
  const body = (await response.json()) as { error: string; latestVersion: string; breakingChanges: unknown[] };
  assert.match(body.error, /1 breaking change against 1\.0\.0/);
  assert.deepEqual([body.latestVersion, body.breakingChanges], ['1.0.0', [change]]);
});

test('a slug taken by another title is a 409 that names both titles', async () => {
  const response = errorResponse(new SlugTakenError('doc-1', 'Orders & Co', 'Orders and Co'));
  assert.equal(response.status, 409);
  const body = (await response.json()) as { error: string; slug: string; title: string; existingTitle: string };
  assert.deepEqual([body.slug, body.title, body.existingTitle], ['doc-1', 'Orders & Co', 'Orders and Co']);
  assert.match(body.error, /"Orders & Co" .* already belongs to the document "Orders and Co"/);
});

test('an error from another copy of the class is still recognised by name', () => {
  const foreign = Object.assign(new Error('gone'), { name: 'NotFoundError' });
  assert.equal(errorResponse(foreign).status, 404);
});

test('an unexpected error is a 500 that does not leak its message', async () => {
  const original = process.stderr.write.bind(process.stderr);
  process.stderr.write = () => true;
  try {
    const response = errorResponse(new Error('secret internals'));
    assert.equal(response.status, 500);
    assert.doesNotMatch(JSON.stringify(await response.json()), /secret/);
  } finally {
    process.stderr.write = original;
  }
});
