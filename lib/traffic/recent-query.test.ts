import assert from 'node:assert/strict';
import { test } from 'node:test';
import { TrafficQueryError } from '../errors.ts';
import { parseRecentQuery } from './recent-query.ts';

const parse = (query: string) => parseRecentQuery(new URLSearchParams(query));

test('the filters and limit are read, empty ones meaning none', () => {
  assert.deepEqual(parse(''), { filter: {}, limit: 100 });
  assert.deepEqual(parse('pattern=orders.*&status=violates&document=orders&limit=5'), {
    filter: { patterns: ['orders.*'], status: 'violates', document: 'orders' },
    limit: 5,
  });
  assert.deepEqual(parse('pattern=&status=&limit=1000'), { filter: {}, limit: 1000 });
});

test('each unusable parameter is a 400 naming it', () => {
  for (const [query, parameter] of [
    ['status=broken', 'status'],
    ['limit=0', 'limit'],
    ['limit=1001', 'limit'],
    ['limit=ten', 'limit'],
    ['document=Not A Slug', 'document'],
    ['pattern=a%00b', 'pattern'],
  ] as const) {
    assert.throws(
      () => parse(query),
      (error: unknown) => error instanceof TrafficQueryError && error.parameter === parameter,
      query,
    );
  }
});
