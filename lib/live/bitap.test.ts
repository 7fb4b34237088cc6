import assert from 'node:assert/strict';
import { test } from 'node:test';
import { BitapSearch } from './bitap.ts';

/** A search for a run written as a glob segment: `?` any character, anything else itself. */
const searchFor = (run: string): BitapSearch => new BitapSearch(run.length, (i, c) => run[i] === '?' || run[i] === c);

test('finds the first place a run matches, ending by the limit', () => {
  assert.equal(searchFor('a?c').find('xxabcxadc', 0, 9), 2);
  assert.equal(searchFor('a?c').find('xxabcxadc', 3, 9), 6);
  assert.equal(searchFor('a?c').find('xxabcxadc', 3, 8), -1, 'the second match ends past the limit');
  assert.equal(searchFor('zz').find('abc', 0, 3), -1);
});

test('runs longer than a machine word, and characters outside ASCII, are matched like the rest', () => {
  const long = `${'a'.repeat(70)}?é`;
  assert.equal(searchFor(long).find(`xx${'a'.repeat(70)}bé`, 0, 74), 2);
  assert.equal(searchFor(long).find(`xx${'a'.repeat(69)}bé`, 0, 73), -1);
  assert.equal(searchFor('?ü?').find('aüb', 0, 3), 0);
});
