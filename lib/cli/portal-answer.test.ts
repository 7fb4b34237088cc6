import assert from 'node:assert/strict';
import { test } from 'node:test';
import { interpretAnswer } from './portal-answer.ts';

const CHANGE = { type: 'breaking', kind: 'remove', path: '/channels/a', description: 'Removed channels › a' };

test('200 and 201 with an outcome are accepted', () => {
  const created = interpretAnswer({
    status: 200,
    body: { status: 'created', slug: 'orders', version: '1.1.0', forced: false, warnings: [], dryRun: true },
  });
  assert.deepEqual(created, {
    kind: 'accepted',
    httpStatus: 200,
    status: 'created',
    slug: 'orders',
    version: '1.1.0',
    forced: false,
    warnings: [],
    dryRun: true,
  });
  const unchanged = interpretAnswer({ status: 200, body: { status: 'unchanged', slug: 'orders', version: '1.0.0' } });
  assert.equal(unchanged.kind === 'accepted' && unchanged.status, 'unchanged');
  assert.equal(
    interpretAnswer({ status: 201, body: { status: 'created', slug: 's', version: '1.0.0', forced: true, warnings: [] } }).kind,
    'accepted',
  );
});

test('a 409 with breaking changes and a 422 with diagnostics are refusals that carry them', () => {
  const breaking = interpretAnswer({
    status: 409,
    body: { error: 'Version 1.1.0 …', slug: 'orders', latestVersion: '1.0.0', breakingChanges: [CHANGE] },
  });
  assert.deepEqual(breaking, {
    kind: 'refused',
    httpStatus: 409,
    error: 'Version 1.1.0 …',
    latestVersion: '1.0.0',
    breakingChanges: [CHANGE],
    diagnostics: [],
  });
  const diagnostic = { severity: 'error', message: 'bad', path: 'info', line: 3, column: 5 };
  const invalid = interpretAnswer({ status: 422, body: { error: 'invalid', diagnostics: [diagnostic] } });
  assert.ok(invalid.kind === 'refused');
  assert.deepEqual(invalid.diagnostics, [diagnostic]);
  for (const status of [401, 403, 413]) assert.equal(interpretAnswer({ status, body: { error: 'no' } }).kind, 'refused', `HTTP ${status}`);
});

test('no verdict: a 5xx, a 404, an answer of another shape', () => {
  assert.deepEqual(interpretAnswer({ status: 503, body: { error: 'The catalogue database is unavailable; try again shortly.' } }), {
    kind: 'failed',
    httpStatus: 503,
    error: 'The portal failed: The catalogue database is unavailable; try again shortly.',
  });
  const notFound = interpretAnswer({ status: 404, body: { message: 'Not found' } });
  assert.ok(notFound.kind === 'failed');
  assert.match(notFound.error, /HTTP 404: is --url the portal's address\?/);
  assert.equal(interpretAnswer({ status: 200, body: { documents: [] } }).kind, 'failed', 'GET-like answer: not the registration route');
  assert.equal(interpretAnswer({ status: 409, body: 'conflict' }).kind, 'failed');
});

test('malformed details of a refusal are dropped, not trusted', () => {
  const refusal = interpretAnswer({ status: 409, body: { error: 'no', breakingChanges: 'many', diagnostics: [{ line: 'x' }] } });
  assert.ok(refusal.kind === 'refused');
  assert.deepEqual([refusal.breakingChanges, refusal.diagnostics], [[], []]);
});
