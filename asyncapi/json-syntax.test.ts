import assert from 'node:assert/strict';
import { test } from 'node:test';
import { findJsonSyntaxError } from './json-syntax.ts';

test('accepts valid JSON, whatever JSON.parse accepts', () => {
  for (const text of ['{}', ' {"a": [1, -2.5e3, true, false, null, "x\\u00e9\\n"], "b": {}} ', '[]', '"s"']) {
    assert.doesNotThrow(() => JSON.parse(text));
    assert.equal(findJsonSyntaxError(text), null, text);
  }
});

test('locates the first error at the offending character', () => {
  const cases: Array<[string, number, RegExp]> = [
    ['{"a": }', 6, /Expected a value/],
    ['{"a": 1,}', 8, /property name in double quotes/],
    ['{"a" 1}', 5, /Expected `:`/],
    ['{"a": 1 "b": 2}', 8, /Expected `,` or `}`/],
    ['[1, 2', 5, /Expected `,` or `]`/],
    ['{"a": 1} x', 9, /after the end/],
    ['{"a": "line\nbreak"}', 6, /Invalid string/],
    ['{', 1, /property name/],
    ["{'a': 1}", 1, /property name in double quotes/],
  ];
  for (const [text, offset, message] of cases) {
    assert.throws(() => JSON.parse(text));
    const error = findJsonSyntaxError(text);
    assert.equal(error?.offset, offset, text);
    assert.match(error?.message ?? '', message, text);
  }
});
