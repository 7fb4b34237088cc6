import assert from 'node:assert/strict';
import { test } from 'node:test';
import { PatternIndex } from './pattern-index.ts';

test('a channel is matched against each distinct pattern, whoever follows it', () => {
  const index = new PatternIndex();
  index.add('orders.*');
  index.add('orders.*');
  index.add('*.created');
  assert.equal(index.size, 2);
  assert.deepEqual([...index.matching('orders.created')].sort(), ['*.created', 'orders.*']);
  assert.deepEqual([...index.matching('payments.created')], ['*.created']);
});

test('what a channel matches follows the patterns as they come and go', () => {
  const index = new PatternIndex();
  index.add('orders.*');
  assert.deepEqual([...index.matching('orders.created')], ['orders.*']);
  index.add('*');
  assert.deepEqual([...index.matching('orders.created')].sort(), ['*', 'orders.*']);
  index.add('orders.*');
  index.remove('orders.*');
  assert.ok(index.has('orders.*'), 'a pattern stays while anyone follows it');
  index.remove('orders.*');
  assert.equal(index.has('orders.*'), false);
  assert.deepEqual([...index.matching('orders.created')], ['*']);
});

test('patterns filed by their literal start or end still match exactly what they mean', () => {
  const index = new PatternIndex();
  const patterns = ['orders.*', '*.created', 'orders.*.created', '*', 'ab', 'exact.channel', '*ders*', 'o?ders.*', 'x*'];
  for (const pattern of patterns) index.add(pattern);
  const expect = (channel: string, wanted: string[]) => assert.deepEqual([...index.matching(channel)].sort(), wanted.sort(), channel);
  expect('orders.eu.created', ['orders.*', '*.created', 'orders.*.created', '*', '*ders*', 'o?ders.*']);
  expect('payments.created', ['*.created', '*']);
  expect('ab', ['ab', '*']);
  expect('exact.channel', ['exact.channel', '*']);
  expect('xy', ['*', 'x*']);
  expect('', ['*']);
  index.remove('orders.*');
  expect('orders.eu.created', ['*.created', 'orders.*.created', '*', '*ders*', 'o?ders.*']);
});
