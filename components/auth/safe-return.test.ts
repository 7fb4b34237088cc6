import assert from 'node:assert/strict';
import { test } from 'node:test';
import { safeReturnPath } from './safe-return.ts';

test('after sign-in, only a path on this site is followed', () => {
  assert.equal(safeReturnPath('/documents/orders?version=1.0.0'), '/documents/orders?version=1.0.0');
  for (const next of [undefined, '', 'live', '//evil.example/x', '/\\evil.example', 'https://evil.example'])
    assert.equal(safeReturnPath(next), '/');
});
