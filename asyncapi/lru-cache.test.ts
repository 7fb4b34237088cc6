import assert from 'node:assert/strict';
import { test } from 'node:test';
import { LruCache } from './lru-cache.ts';

test('evicts the least recently used entry beyond maxEntries', () => {
  const cache = new LruCache<string, number>({ maxEntries: 2 });
  cache.set('a', 1);
  cache.set('b', 2);
  assert.equal(cache.get('a'), 1);
  cache.set('c', 3);
  assert.equal(cache.get('b'), undefined, 'b was the least recently used');
  assert.deepEqual([cache.get('a'), cache.get('c'), cache.size], [1, 3, 2]);
});

test('evicts by total weight and refuses a single entry heavier than the limit', () => {
  const cache = new LruCache<string, string>({ maxEntries: 10, maxWeight: 10 });
  cache.set('a', 'A', 6);
  cache.set('b', 'B', 6);
  assert.deepEqual([cache.get('a'), cache.get('b')], [undefined, 'B']);
  cache.set('huge', 'H', 11);
  assert.deepEqual([cache.get('huge'), cache.get('b')], [undefined, 'B']);
  cache.set('b', 'B2', 4);
  cache.set('c', 'C', 6);
  assert.deepEqual([cache.get('b'), cache.get('c'), cache.size], ['B2', 'C', 2]);
});

test('a cache of size 0 keeps nothing', () => {
  const cache = new LruCache<string, number>({ maxEntries: 0 });
  cache.set('a', 1);
  assert.equal(cache.get('a'), undefined);
});
