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
