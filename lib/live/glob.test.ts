import assert from 'node:assert/strict';
import { test } from 'node:test';
import { compileGlob, globCovers, literalEnds, patternProblem } from './glob.ts';

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
  ['a*a', 'a', false],
  ['a*a', 'aa', true],
  ['*ab*ab', 'abab', true],
  ['*ab*ab', 'ab', false],
  ['?*?', 'a', false],
  ['[ab]*[ab]', 'ba', true],
  ['x*[0-9]?*z', 'x12z', true],
  ['x*[0-9]?*z', 'x1z', false],
  ['*a?c*', 'abxac', false],
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

/** What a glob of a, b, *, ?, [ab] and [^a] means, by dynamic programming over pattern × channel: slow, obviously right. */
function reference(pattern: string, channel: string): boolean {
  const tokens = pattern.match(/\[\^?[ab]+\]|./g) ?? [];
  const accepts = (token: string, c: string): boolean =>
    token === '?' || token === c || (token.startsWith('[^') ? !token.includes(c) : token.startsWith('[') && token.includes(c));
  const memo = new Map<string, boolean>();
  const at = (t: number, c: number): boolean => {
    const key = `${t},${c}`;
    if (memo.has(key)) return memo.get(key)!;
    let result: boolean;
    if (t === tokens.length) result = c === channel.length;
    else if (tokens[t] === '*') result = at(t + 1, c) || (c < channel.length && at(t, c + 1));
    else result = c < channel.length && accepts(tokens[t]!, channel[c]!) && at(t + 1, c + 1);
    memo.set(key, result);
    return result;
  };
  return at(0, 0);
}

test('random globs of a, b, *, ?, [ab] and [^a] match exactly what they mean', () => {
  let seed = 7;
  const random = (n: number) => {
    seed = (seed * 1_103_515_245 + 12_345) % 2_147_483_648;
    return Math.floor(seed / 65_536) % n;
  };
  const word = (units: string[], length: number) => Array.from({ length }, () => units[random(units.length)]).join('');
  for (let i = 0; i < 20_000; i++) {
    const pattern = word(['a', 'b', '*', '?', '[ab]', '[^a]', 'a', 'b'], 1 + random(8));
    const channel = word(['a', 'b'], random(12));
    assert.equal(compileGlob(pattern)(channel), reference(pattern, channel), `${pattern} against ${channel}`);
  }
});

test('the glob-matching attack pattern is decided', () => {
  const matches = compileGlob(`*${'a'.repeat(511)}b-i-k`);
  assert.equal(matches('a'.repeat(1024)), false);
  assert.equal(matches(`${'a'.repeat(1024)}b-i-k`), true);
});

test('patterns are checked before they reach Redis', () => {
  assert.equal(patternProblem('orders.*', 256), null);
  assert.match(patternProblem('', 256) ?? '', /non-empty/);
  assert.match(patternProblem(42, 256) ?? '', /string/);
  assert.match(patternProblem('a\u0000b', 256) ?? '', /control/);
  assert.equal(patternProblem('x'.repeat(256), 256), null);
  assert.equal(patternProblem(`*${'a'.repeat(31)}?*`, 256), null);
  assert.equal(patternProblem(`${'a'.repeat(100)}?`, 256), null, 'only runs between two stars are searched for');
  assert.match(patternProblem(`*${'a'.repeat(32)}?*`, 256) ?? '', /between two \* that holds \? or \[\.\.\.\] must be at most 32/);
  assert.match(patternProblem('x'.repeat(257), 256) ?? '', /at most 256 characters \(LIVE_MAX_PATTERN_LENGTH\)/);
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

test('literalEnds gives the text every matching channel starts and ends with', () => {
  assert.deepEqual(literalEnds('orders.*.created'), { prefix: 'orders.', suffix: '.created' });
  assert.deepEqual(literalEnds('*'), { prefix: '', suffix: '' });
  assert.deepEqual(literalEnds('exact'), { prefix: 'exact', suffix: 'exact' });
  assert.deepEqual(literalEnds('a\\*b?c[de]f'), { prefix: 'a*b', suffix: 'f' });
});
