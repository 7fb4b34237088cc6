import assert from 'node:assert/strict';
import { test } from 'node:test';
import { compareVersions, isMajorBump, latestVersion } from './semver.ts';

test('orders semantic versions by precedence, not text', () => {
  assert.deepEqual(['1.10.0', '1.2.0', '0.9.1', '2.0.0-rc.1', '2.0.0'].sort(compareVersions), [
    '0.9.1',
    '1.2.0',
    '1.10.0',
    '2.0.0-rc.1',
    '2.0.0',
  ]);
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

test('a major bump is the only one that allows breaking changes; in 0.y.z a minor bump counts', () => {
  assert.equal(isMajorBump('1.4.2', '2.0.0'), true);
  assert.equal(isMajorBump('1.4.2', '2.0.0-rc.1'), true);
  assert.equal(isMajorBump('1.0.0', '1.1.0'), false);
  assert.equal(isMajorBump('2.0.0', '1.9.0'), false);
  assert.equal(isMajorBump('0.3.0', '0.4.0'), true);
  assert.equal(isMajorBump('0.3.0', '0.3.1'), false);
  assert.equal(isMajorBump('beta', '2.0.0'), false);
});
