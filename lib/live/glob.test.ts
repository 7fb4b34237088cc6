import assert from 'node:assert/strict';
import { test } from 'node:test';
import { compileGlob, globCovers, patternProblem } from './glob.ts';

const cases: [string, string, boolean][] = [
  ['*', 'anything/at.all', true],
  ['orders.*', 'orders.created', true],
  ['orders.*', 'orders.', true],
  ['orders.*', 'payments.created', false],
  ['orders.?', 'orders.a', true],
  ['orders.?', 'orders.ab', false],
  ['user/[abc]', 'user/b', true],
  ['user/[^abc]', 'user/b', false],
  ['user/[a-c]x', 'user/bx', true],
  ['literal\\*', 'literal*', true],
  ['literal\\*', 'literalx', false],
  ['a.b', 'aXb', false],
  ['exact', 'exact', true],
  ['exact', 'exactly', false],
  ['(group)+', '(group)+', true],
  ['multi\nline*', 'multi\nline-x', true],
  ['*.created', 'orders.eu.created', true],
  ['*.created', 'orders.eu.created.not', false],
  ['a*b*c', 'aXXbYYc', true],
  ['a*b*c', 'aXXcYYb', false],
  ['*[0-9]', 'sensor-7', true],
  ['[a\\-c]', '-', true],
  ['[a\\-c]', 'b', false],
  ['[]x]', ']', false],
  ['[]x]', 'x]', false],
  ['a[^]', 'ab', true],
  ['[z-a]', 'm', true],
  ['user/[!]', 'user/!', true],
  ['x**y', 'x-y', true],
  ['?*', '', false],
];

for (const [pattern, channel, expected] of cases) {
  test(`${JSON.stringify(pattern)} ${expected ? 'matches' : 'does not match'} ${JSON.stringify(channel)}`, () => {
    assert.equal(compileGlob(pattern)(channel), expected);
  });
}

// With the backtracking RegExp this matcher replaced, the first call did not finish.
test('a pattern of many stars against a long channel is decided', () => {
  const matches = compileGlob(`${'*a'.repeat(200)}!`);
  assert.equal(matches('a'.repeat(10_000)), false);
  assert.equal(matches(`${'a'.repeat(10_000)}!`), true);
});

test('patterns are checked before they reach Redis', () => {
  assert.equal(patternProblem('orders.*'), null);
  assert.match(patternProblem('') ?? '', /non-empty/);
  assert.match(patternProblem(42) ?? '', /string/);
  assert.match(patternProblem('a\u0000b') ?? '', /control/);
  assert.match(patternProblem('x'.repeat(2000)) ?? '', /1024/);
});

test('globCovers only claims what is certain', () => {
  assert.equal(globCovers('*', 'anything?'), true);
  assert.equal(globCovers('orders.*', 'orders.*'), true);
  assert.equal(globCovers('orders.*', 'orders.eu.[ab]'), true);
  assert.equal(globCovers('orders.*', 'orders'), false);
  assert.equal(globCovers('orders.*', '*.created'), false);
  assert.equal(globCovers('orders.?', 'orders.a'), false, 'only `*`-suffixed prefixes are analysed');
  assert.equal(globCovers('exact', 'exact.more'), false);
});
