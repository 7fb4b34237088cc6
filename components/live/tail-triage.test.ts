import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { TailMessage } from '../../lib/live/events.ts';
import { TailStore } from './tail-store.ts';
import { NO_FILTER } from './triage-filter.ts';

function message(channel: string, payload: string, status?: 'violates' | 'conforms'): TailMessage {
  const shown: TailMessage = { channel, pattern: '*', payload, receivedAt: 0, size: payload.length, truncated: false };
  if (status) shown.conformance = { status };
  return shown;
}

function channels(store: TailStore): string[] {
  const view = store.view();
  return Array.from({ length: view.length }, (_, i) => view.at(i)!.message?.channel ?? 'gap');
}

const newStore = (capacity?: number) => new TailStore({ capacity, requestFrame: (render) => render() });

test('an expression keeps the matching rows in arrival order, old and new', async () => {
  const store = newStore();
  store.ingest({
    messages: [message('orders.a', '{"total":150}'), message('orders.b', '{"total":50}'), message('users', '{"total":500}')],
    dropped: 0,
  });
  store.setTriage({ ...NO_FILTER, expression: 'payload.total > 100 and $contains(channel, "orders")' });
  await store.settled();
  assert.deepEqual(channels(store), ['orders.a']);
  store.ingest({
    messages: [message('orders.c', '{"total":101}'), message('orders.d', 'not json'), message('orders.e', '{"total":900}')],
    dropped: 0,
  });
  await store.settled();
  assert.deepEqual(channels(store), ['orders.e', 'orders.c', 'orders.a']);
  assert.equal(store.filterProgress?.skipped, 1, 'the row that is not JSON was skipped');
});

test('statuses and the expression combine; clearing the filter shows every row again', async () => {
  const store = newStore();
  store.ingest({
    messages: [message('a', '{"n":1}', 'violates'), message('b', '{"n":2}', 'conforms'), message('c', '{"n":3}', 'violates')],
    dropped: 0,
  });
  store.setTriage({ ...NO_FILTER, statuses: ['violates'], expression: 'payload.n > 1' });
  await store.settled();
  assert.deepEqual(channels(store), ['c']);
  store.setTriage(NO_FILTER);
  assert.deepEqual(channels(store), ['c', 'b', 'a']);
});

test('a broken expression keeps nothing and says why; a failing one counts its failures', async () => {
  const store = newStore();
  store.ingest({ messages: [message('a', '{"n":1}')], dropped: 0 });
  store.setTriage({ ...NO_FILTER, expression: 'payload.(' });
  assert.match(store.expressionError ?? '', /Expected/);
  assert.equal(store.view().length, 0);
  store.setTriage({ ...NO_FILTER, expression: '$undefinedFunction(payload)' });
  await store.settled();
  assert.equal(store.expressionError, null);
  assert.equal(store.filterProgress?.failed, 1);
  assert.match(store.filterProgress?.lastError ?? '', /function/i);
});

test('an expression over budget on a few rows is stopped instead of running on every row', async () => {
  const store = newStore();
  store.ingest({ messages: Array.from({ length: 50 }, (_, i) => message(`c${i}`, '{"n":1}')), dropped: 0 });
  const started = Date.now();
  store.setTriage({ ...NO_FILTER, expression: '( $f := function($n){ $n <= 0 ? 0 : $f($n - 1) }; $f(1000000) )' });
  await store.settled();
  assert.ok(Date.now() - started < 2_000, `stopped after a few rows, took ${Date.now() - started} ms`);
  assert.equal(store.filterProgress?.stopped, true);
  assert.match(store.filterProgress?.lastError ?? '', /^Stopped: the expression went over its budget/);
  assert.equal(store.view().length, 0);
});

test('a new filter cancels the run of the one before', async () => {
  const store = newStore();
  store.ingest({ messages: Array.from({ length: 200 }, (_, i) => message(`c${i}`, `{"n":${i}}`)), dropped: 0 });
  store.setTriage({ ...NO_FILTER, expression: 'payload.n >= 0' });
  store.setTriage({ ...NO_FILTER, expression: 'payload.n = 7' });
  await store.settled();
  assert.deepEqual(channels(store), ['c7']);
});
