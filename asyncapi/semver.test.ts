import assert from 'node:assert/strict';
import { test } from 'node:test';
import { compareVersions, latestVersion } from './semver.ts';

test('orders semantic versions by precedence, not text', () => {
  assert.deepEqual(['1.10.0', '1.2.0', '0.9.1', '2.0.0-rc.1', '2.0.0'].sort(compareVersions), ['0.9.1', '1.2.0', '1.10.0', '2.0.0-rc.1', '2.0.0']);
  assert.ok(compareVersions('2.0.0-rc.10', '2.0.0-rc.2') > 0);
  assert.equal(compareVersions('v1.0.0', '1.0.0'), 0);
});

test('puts versions that are not semantic before semantic ones', () => {
  assert.deepEqual(['1.0.0', 'beta', 'alpha'].sort(compareVersions), ['alpha', 'beta', '1.0.0']);
});

test('picks the highest version', () => {
  assert.equal(latestVersion([{ version: '1.9.0' }, { version: '1.10.0' }, { version: '1.2.3' }])?.version, '1.10.0');
  assert.equal(latestVersion([]), undefined);
});
