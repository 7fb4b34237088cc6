import assert from 'node:assert/strict';
import { test } from 'node:test';
import { comparePrecedence, compareVersions, isMajorBump, latestVersion, semverProblem } from './semver.ts';

test('orders semantic versions by precedence, not text', () => {
  assert.deepEqual(['1.10.0', '1.2.0', '0.9.1', '2.0.0-rc.1', '2.0.0'].sort(compareVersions), [
    '0.9.1',
    '1.2.0',
    '1.10.0',
    '2.0.0-rc.1',
    '2.0.0',
  ]);
  assert.ok(compareVersions('2.0.0-rc.10', '2.0.0-rc.2') > 0);
});

test('orders pre-releases as SemVer 2.0.0 does: identifiers one by one, numbers below words', () => {
  const ordered = [
    '1.0.0-alpha',
    '1.0.0-alpha.1',
    '1.0.0-alpha.beta',
    '1.0.0-beta',
    '1.0.0-beta.2',
    '1.0.0-beta.11',
    '1.0.0-rc.1',
    '1.0.0',
  ];
  assert.deepEqual([...ordered].reverse().sort(compareVersions), ordered);
  // Words compare by ASCII: "rc01" and "rc1" are different pre-releases, as are "RC" and "rc".
  assert.ok(comparePrecedence('1.0.0-rc01', '1.0.0-rc1') < 0);
  assert.ok(comparePrecedence('1.0.0-RC.1', '1.0.0-rc.1') < 0);
});

test('a leading v, build metadata and leading zeros do not change precedence', () => {
  for (const same of ['v1.0.0', '1.0.0+build', '1.0.0+other.5', '01.0.0', '1.00.0', 'v1.0.00+b']) {
    assert.equal(comparePrecedence(same, '1.0.0'), 0, same);
    assert.equal(comparePrecedence('1.0.0', same), 0, same);
  }
  assert.equal(comparePrecedence('1.0.0-rc.1+build', '1.0.0-rc.1'), 0);
  assert.ok(comparePrecedence('1.0.0-rc.1', '1.0.0') < 0);
  assert.ok(comparePrecedence('1.0.1', '1.0.0+build') > 0);
});

test('numbers of any size compare exactly', () => {
  assert.ok(comparePrecedence('1.0.9007199254740993', '1.0.9007199254740992') > 0);
  assert.ok(comparePrecedence('1.0.0-rc.9007199254740993', '1.0.0-rc.9007199254740992') > 0);
  assert.equal(isMajorBump('9007199254740992.0.0', '9007199254740993.0.0'), true);
});

test('distinct strings never compare equal, so every reader picks the same latest version', () => {
  assert.ok(compareVersions('v1.0.0', '1.0.0') !== 0);
  assert.equal(Math.sign(compareVersions('1.0.0+b', '1.0.0')), -Math.sign(compareVersions('1.0.0', '1.0.0+b')));
  const tied = [{ version: '1.0.0' }, { version: 'v1.0.0' }, { version: '1.0.0+build' }];
  const latest = latestVersion(tied)?.version;
  assert.equal(latestVersion([...tied].reverse())?.version, latest);
  assert.equal([...tied].sort((a, b) => compareVersions(b.version, a.version))[0]?.version, latest);
  assert.equal(compareVersions('1.0.0', '1.0.0'), 0);
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

test('a version the catalogue registers is SemVer 2.0.0, with an optional leading v', () => {
  for (const valid of [
    '0.0.0',
    '1.0.0',
    'v1.2.3',
    '10.20.30',
    '1.0.0-rc.1',
    '1.0.0-0A.is.legal',
    '1.0.0-rc01',
    '1.0.0+build.007',
    '2.0.0-rc.1+b',
  ])
    assert.equal(semverProblem(valid), null, valid);
});

test('a version that is not semantic is refused, saying what to write', () => {
  for (const other of ['XYZ', '10', '9', '1.0', '1', '1.0.0.0', 'latest', '2024-05-01', ' 1.0.0', '1.0.0-', '1.0.0+', 'V1.0.0'])
    assert.match(semverProblem(other) ?? '', /is not a semantic version: write MAJOR\.MINOR\.PATCH/, other);
});

test('leading zeros and empty identifiers are refused: SemVer 2.0.0 does not allow them', () => {
  assert.match(semverProblem('01.0.0') ?? '', /"01\.0\.0" is not a valid semantic version: .*leading zeros.*write 1\.0\.0/);
  assert.match(semverProblem('1.00.0') ?? '', /write 1\.0\.0/);
  assert.match(semverProblem('v1.0.0-rc.01') ?? '', /write v1\.0\.0-rc\.1/);
  assert.match(semverProblem('1.0.0-rc..1') ?? '', /empty/);
  assert.match(semverProblem('1.0.0+a..b') ?? '', /empty/);
});
