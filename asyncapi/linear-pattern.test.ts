import assert from 'node:assert/strict';
import { test } from 'node:test';
import { linearRegExp, patternProblem, UnsupportedPatternError } from './linear-pattern.ts';

// [pattern, inputs]: each must give the same answer on the linear-time engine as on native RegExp with `u`.
const ORDINARY: Array<[string, string[]]> = [
  ['^[a-z][a-z0-9-]*$', ['order-1', 'Order', '', 'a\n']],
  ['^\\d{3}-\\d{4}$', ['555-1234', '555-12345', '١٢٣-٤٥٦٧']],
  ['s-\\d+', ['id s-17 here', 's-']],
  ['^\\w+@\\w+\\.\\w+$', ['a@b.io', 'é@b.io']],
  ['^\\s*$', ['', ' \t', '\u00a0\u2028', '\v', 'x']],
  ['^[\\s,]+$', ['\u3000,', 'a']],
  ['^\\S+$', ['abc', 'a\u00a0b']],
  ['^.$', ['x', '😀', '\r', '\n', '\u2028']],
  ['^\\u00e9\\u{1F600}$', ['é😀', 'e😀']],
  ['^[\\u0041-\\u005A]{2}$', ['AB', 'ab']],
  ['^\\p{L}+$', ['Ωmega', 'a1']],
  ['^(?<zone>north|south)$', ['north', 'east']],
  ['\\bfoo\\b', ['a foo b', 'afoob']],
  ['a$', ['a', 'a\n']],
  ['^[^]$', ['x', '\n']],
  ['\\cJ', ['\n', 'J']],
];

test('ordinary patterns match as native RegExp does, anywhere unless anchored', () => {
  for (const [pattern, inputs] of ORDINARY) {
    const linear = linearRegExp(pattern, 'u');
    for (const input of inputs)
      assert.equal(linear.test(input), new RegExp(pattern, 'u').test(input), `${pattern} on ${JSON.stringify(input)}`);
  }
});

test('lookarounds and backreferences are refused, naming the pattern and the construct', () => {
  const cases: Array<[string, RegExp]> = [
    ['^(?=.*\\d)', /"\^\(\?=\.\*\\\\d\)" uses a lookahead, which the portal cannot run in linear time/],
    ['^(?!tmp-)', /uses a lookahead/],
    ['(?<=a)b', /uses a lookbehind/],
    ['(?<!a)b', /uses a lookbehind/],
    ['^(a)\\1$', /uses the backreference \\1/],
    ['^(?<x>a)\\k<x>$', /uses a named backreference/],
  ];
  for (const [pattern, message] of cases) {
    assert.throws(
      () => linearRegExp(pattern, 'u'),
      (error) => error instanceof UnsupportedPatternError && message.test(error.message),
    );
  }
  assert.equal(linearRegExp('^[(?=]+$', 'u').test('(?='), true, 'inside a class these are plain characters');
});

test('patternProblem names what the engine cannot run, and leaves invalid or ordinary patterns alone', () => {
  assert.match(patternProblem('^(?!x)') ?? '', /^pattern "\^\(\?!x\)" uses a lookahead/);
  assert.equal(patternProblem('^[a-z]+$'), null);
  assert.equal(patternProblem('(unclosed'), null);
});
