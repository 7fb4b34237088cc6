import assert from 'node:assert/strict';
import { test } from 'node:test';
import { WeighedRing } from './weighed-ring.ts';

const byLength = (item: string): number => item.length;

test('a push discards the oldest items until the weight fits, and says how many', () => {
  const ring = new WeighedRing(100, 10, byLength);
  assert.equal(ring.push('aaaa'), 0);
  assert.equal(ring.push('bbbb'), 0);
  assert.equal(ring.weight, 8);
  assert.equal(ring.push('cccccc'), 1);
  assert.equal(ring.push('ddddddd'), 2);
  assert.deepEqual(ring.take(10), ['ddddddd']);
  assert.equal(ring.weight, 0);
});

test('the item bound still holds, and the newest item stays even when it alone is too heavy', () => {
  const ring = new WeighedRing(2, 100, byLength);
  ring.push('a');
  ring.push('b');
  assert.equal(ring.push('c'), 1);
  assert.deepEqual([ring.newest(0), ring.newest(1)], ['c', 'b']);
  assert.equal(ring.weight, 2);
  assert.equal(ring.push('x'.repeat(500)), 2);
  assert.equal(ring.size, 1);
});

test('take stops at the weight it is given, but always takes one', () => {
  const ring = new WeighedRing(100, 1_000, byLength);
  for (const item of ['aaa', 'bbb', 'ccc', 'dddddddddd']) ring.push(item);
  assert.deepEqual(ring.take(10, 7), ['aaa', 'bbb']);
  assert.deepEqual(ring.take(10, 2), ['ccc']);
  assert.deepEqual(ring.take(10, 2), ['dddddddddd']);
  assert.equal(ring.weight, 0);
});
