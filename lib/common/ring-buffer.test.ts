import assert from 'node:assert/strict';
import { test } from 'node:test';
import { RingBuffer } from './ring-buffer.ts';

function filled(capacity: number, items: number[]): RingBuffer<number> {
  const ring = new RingBuffer<number>(capacity);
  for (const item of items) ring.push(item);
  return ring;
}

function newestFirst(ring: RingBuffer<number>): (number | undefined)[] {
  return Array.from({ length: ring.size }, (_, i) => ring.newest(i));
}

test('refuses a capacity that is not a positive integer', () => {
  for (const capacity of [0, -1, 1.5, Number.NaN]) assert.throws(() => new RingBuffer(capacity), RangeError);
});

test('when full, a push overwrites the oldest item and returns it', () => {
  const ring = filled(3, [1, 2]);
  assert.equal(ring.push(3), undefined);
  assert.equal(ring.push(4), 1);
  assert.equal(ring.push(5), 2);
  assert.equal(ring.size, 3);
  assert.deepEqual(ring.take(10), [3, 4, 5]);
});

test('shift and take read oldest first, and empty the ring', () => {
  const ring = filled(4, [1, 2, 3, 4, 5, 6]);
  assert.equal(ring.shift(), 3);
  assert.deepEqual(ring.take(2), [4, 5]);
  assert.equal(ring.size, 1);
  assert.deepEqual(ring.take(5), [6]);
  assert.equal(ring.shift(), undefined);
  assert.deepEqual(ring.take(5), []);
});

test('newest and oldest read without removing, across the wrap', () => {
  const ring = filled(3, [1, 2, 3, 4, 5]);
  assert.deepEqual(newestFirst(ring), [5, 4, 3]);
  assert.equal(ring.oldest(), 3);
  assert.equal(ring.newest(3), undefined);
  assert.equal(ring.newest(-1), undefined);
  ring.shift();
  ring.push(6);
  assert.deepEqual(newestFirst(ring), [6, 5, 4]);
  assert.equal(ring.oldest(), 4);
});

test('a ring emptied by shifts takes pushes again in order', () => {
  const ring = filled(2, [1, 2, 3]);
  ring.take(2);
  assert.equal(ring.oldest(), undefined);
  assert.equal(ring.newest(0), undefined);
  ring.push(7);
  ring.push(8);
  assert.deepEqual(newestFirst(ring), [8, 7]);
  assert.equal(ring.push(9), 7);
});

test('clear forgets every item', () => {
  const ring = filled(2, [1, 2, 3]);
  ring.clear();
  assert.equal(ring.size, 0);
  assert.equal(ring.oldest(), undefined);
  ring.push(4);
  assert.deepEqual(newestFirst(ring), [4]);
});
