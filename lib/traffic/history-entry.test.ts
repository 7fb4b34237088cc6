import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { InspectedMessage } from '../conformance/result.ts';
import { recalledTailMessage } from '../live/tail-message.ts';
import { historyEntry, historyMatcher, readEntry, recentMessage, type HistoryEntry } from './history-entry.ts';

const document = { slug: 'orders', version: '1.0.0', title: 'Orders', status: 'released' as const };
const violates: InspectedMessage = {
  conformance: { status: 'violates', ref: 7, message: 'Order', errors: [{ path: '/id', message: 'must be integer' }] },
  match: { ref: 7, document, channel: { key: 'order', address: 'orders/{id}' }, params: { id: '1' } },
};
const fieldsOf = (entry: HistoryEntry): string[] => [
  'c',
  entry.channel,
  's',
  entry.status,
  'd',
  entry.document,
  't',
  String(entry.receivedAt),
  'm',
  entry.rest,
  'b',
  '1',
];

test('a kept message reads back as the tail shows it: payload cut at the bound, conformance joined to its match', () => {
  const entry = historyEntry(violates, 'orders/1', Buffer.from('{"id":"x"}'.padEnd(40, ' ')), 1_000, 10);
  assert.deepEqual(
    { channel: entry.channel, status: entry.status, document: entry.document },
    {
      channel: 'orders/1',
      status: 'violates',
      document: 'orders',
    },
  );
  assert.deepEqual(recentMessage(readEntry(fieldsOf(entry))!), {
    channel: 'orders/1',
    receivedAt: 1_000,
    payload: '{"id":"x"}',
    truncated: true,
    size: 40,
    conformance: {
      status: 'violates',
      message: 'Order',
      errors: [{ path: '/id', message: 'must be integer' }],
      document,
      channel: { key: 'order', address: 'orders/{id}' },
      params: { id: '1' },
    },
  });
});

test('fields that are not an entry of ours read as nothing', () => {
  assert.equal(readEntry(['c', 'x']), null);
  assert.equal(readEntry(['c', 'x', 's', 'bogus', 'd', '', 't', '1', 'm', '{}']), null);
  const entry = readEntry(['c', 'x', 's', '', 'd', '', 't', '1', 'm', 'not json'])!;
  assert.equal(recentMessage(entry), null);
});

test('a filter matches on glob, status and document, all of them', () => {
  const entry = historyEntry(violates, 'orders/1', Buffer.from('{}'), 1, 100);
  assert.equal(historyMatcher({})(entry), true);
  assert.equal(historyMatcher({ patterns: ['orders/*'], status: 'violates', document: 'orders' })(entry), true);
  assert.equal(historyMatcher({ patterns: ['users.*', 'orders/[0-9]'] })(entry), true);
  assert.equal(historyMatcher({ patterns: ['orders.*'] })(entry), false);
  assert.equal(historyMatcher({ status: 'conforms' })(entry), false);
  assert.equal(historyMatcher({ document: 'users' })(entry), false);
});

test('recalled messages on one channel share one numbered catalogue entry', () => {
  const refs = new Map<string, number>();
  const recent = recentMessage(readEntry(fieldsOf(historyEntry(violates, 'orders/1', Buffer.from('{}'), 1, 100)))!)!;
  const first = recalledTailMessage('orders/*', recent, refs);
  const second = recalledTailMessage('orders/*', recent, refs);
  assert.equal(first.pattern, 'orders/*');
  assert.deepEqual(first.conformance, {
    status: 'violates',
    message: 'Order',
    errors: [{ path: '/id', message: 'must be integer' }],
    ref: 0,
  });
  assert.equal(second.conformance?.ref, 0);
  assert.equal(refs.size, 1);
});
