import assert from 'node:assert/strict';
import { test } from 'node:test';
import { summariseDetail } from './audit-detail.ts';

test('a detail reads as key: value pairs, lists by their length', () => {
  assert.equal(summariseDetail({ version: '1.1.0', overriddenChanges: [{}, {}] }), 'version: 1.1.0 · overriddenChanges: 2');
  assert.equal(summariseDetail({ topic: 'orders', bytes: 12, forced: false }), 'topic: orders · bytes: 12 · forced: false');
  assert.equal(summariseDetail({ expiresAt: null, extra: { a: 1 } }), 'expiresAt: – · extra: {"a":1}');
  assert.equal(summariseDetail({}), '');
});

test('a long detail is cut at 160 characters', () => {
  const summary = summariseDetail({ email: 'x'.repeat(500) });
  assert.equal(summary.length, 160);
  assert.ok(summary.endsWith('…'));
});
