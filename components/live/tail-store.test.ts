import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { TailMessage } from '../../lib/live/events.ts';
import { TailStore } from './tail-store.ts';

function message(channel: string, payload = '{}'): TailMessage {
  return { channel, pattern: '*', payload, receivedAt: 0, size: payload.length, truncated: false };
}

/** A store whose frames run when the test says so. */
function manualStore(capacity?: number): { store: TailStore; frames: () => number } {
  const pending: (() => void)[] = [];
  const store = new TailStore({ capacity, requestFrame: (render) => pending.push(render) });
  return { store, frames: () => pending.splice(0).map((render) => render()).length };
}

function channels(store: TailStore): string[] {
  const view = store.view();
  return Array.from({ length: view.length }, (_, i) => view.at(i)!.message?.channel ?? 'gap');
}

test('shows the newest first and discards the oldest past the capacity', () => {
  const { store } = manualStore(3);
  store.ingest({ messages: ['a', 'b', 'c', 'd'].map((c) => message(c)), dropped: 2 });
  assert.deepEqual(channels(store), ['d', 'c', 'b']);
  assert.equal(store.total, 4);
  assert.equal(store.dropped, 2);
});

test('renders once per frame however many batches arrive before it', () => {
  const { store, frames } = manualStore();
  let renders = 0;
  store.subscribe(() => renders++);
  for (let i = 0; i < 50; i++) store.ingest({ messages: [message('x')], dropped: 0 });
  assert.equal(frames(), 1);
  assert.equal(renders, 1);
  assert.equal(store.getVersion(), 1);
});

test('while paused, counts and holds messages and shows them on resume', () => {
  const { store } = manualStore();
  store.ingest({ messages: [message('a')], dropped: 0 });
  store.setPaused(true);
  store.ingest({ messages: [message('b'), message('c')], dropped: 0 });
  assert.deepEqual(channels(store), ['a']);
  assert.equal(store.total, 3);
  assert.equal(store.heldCount, 2);
  store.setPaused(false);
  assert.deepEqual(channels(store), ['c', 'b', 'a']);
  assert.equal(store.heldCount, 0);
});

test('filters by channel or payload, ignoring case, and keeps filtering new rows', () => {
  const { store } = manualStore(4);
  store.ingest({ messages: [message('orders.created'), message('payments', '{"order":1}'), message('users')], dropped: 0 });
  store.setFilter('ORDER');
  assert.deepEqual(channels(store), ['payments', 'orders.created']);
  store.ingest({ messages: [message('orders.paid'), message('users'), message('users')], dropped: 0 });
  // The ring of 4 has discarded orders.created and payments.
  assert.deepEqual(channels(store), ['orders.paid']);
  assert.equal(store.view().indexOf(store.view().at(0)!.seq), 0);
  store.setFilter('');
  assert.equal(store.view().length, 4);
});

test('clear forgets rows and counts', () => {
  const { store } = manualStore();
  store.ingest({ messages: [message('a')], dropped: 5 });
  const generation = store.generation;
  store.clear();
  assert.equal(store.view().length, 0);
  assert.equal(store.total, 0);
  assert.equal(store.dropped, 0);
  assert.notEqual(store.generation, generation);
});

test('indexOf finds a row by its seq in the unfiltered view', () => {
  const { store } = manualStore(3);
  store.ingest({ messages: ['a', 'b', 'c', 'd'].map((c) => message(c)), dropped: 0 });
  const view = store.view();
  assert.equal(view.indexOf(view.at(2)!.seq), 2);
  assert.equal(view.indexOf(1), -1);
});

test('joins each conformance to its batch’s catalogue entry', () => {
  const { store } = manualStore();
  const match = {
    document: { slug: 'g', version: '1.0.0', title: 'G', status: 'released' as const },
    channel: { key: 'k', address: 'g/{zone}' },
    params: { zone: 'north' },
  };
  store.ingest({
    messages: [
      {
        ...message('g/north'),
        conformance: { status: 'violates', ref: 7, message: 'M', errors: [{ path: '/a', message: 'must be string' }] },
      },
      { ...message('other'), conformance: { status: 'undocumented' } },
    ],
    dropped: 0,
    catalogue: { 7: match },
  });
  const view = store.view();
  assert.deepEqual(view.at(1)?.message?.conformance, {
    status: 'violates',
    message: 'M',
    errors: [{ path: '/a', message: 'must be string' }],
    ...match,
  });
  assert.deepEqual(view.at(0)?.message?.conformance, { status: 'undocumented' });
  assert.equal(store.rates.countOf('g/north'), 1);
});

test('keeps a bounded number of bytes, shown or held while paused', () => {
  const pending: (() => void)[] = [];
  const store = new TailStore({ capacity: 1_000, maxBytes: 1024 * 1024, requestFrame: (render) => pending.push(render) });
  const big = (channel: string) => message(channel, 'x'.repeat(64 * 1024));
  store.ingest({ messages: Array.from({ length: 100 }, (_, i) => big(`shown.${i}`)), dropped: 0 });
  assert.equal(store.view().length, 15, 'fifteen 64 KB messages fit in 1 MiB');
  assert.equal(channels(store)[0], 'shown.99');
  store.setPaused(true);
  store.ingest({ messages: Array.from({ length: 100 }, (_, i) => big(`held.${i}`)), dropped: 0 });
  assert.equal(store.heldCount, 15);
  store.setPaused(false);
  assert.deepEqual(channels(store).slice(0, 2), ['held.99', 'held.98']);
  assert.equal(store.view().length, 15);
});

test('a gap shows where it fell among the messages, whatever the filter, and is held while paused', () => {
  const { store } = manualStore();
  const gap = { reason: 'reset' as const, from: 1, to: 2 };
  store.ingest({ messages: [message('a'), message('b')], dropped: 0, gaps: [{ ...gap, before: 1 }] });
  assert.deepEqual(channels(store), ['b', 'gap', 'a']);
  store.setFilter('b');
  assert.deepEqual(channels(store), ['b', 'gap']);
  store.setFilter('');
  store.setPaused(true);
  store.ingest({ messages: [message('c')], dropped: 0, gaps: [{ ...gap, before: 1 }] });
  assert.deepEqual(channels(store), ['b', 'gap', 'a']);
  store.setPaused(false);
  assert.deepEqual(channels(store), ['gap', 'c', 'b', 'gap', 'a']);
  assert.equal(store.gaps, 2);
});

test('kept messages a history batch brings are marked as history and left out of the live rates', () => {
  const { store } = manualStore();
  store.ingest({ messages: [message('old')], dropped: 0, history: true });
  store.ingest({ messages: [message('new')], dropped: 0 });
  const view = store.view();
  assert.deepEqual([view.at(0)?.message?.history, view.at(1)?.message?.history], [undefined, true]);
  assert.equal(store.rates.countOf('old'), undefined);
  assert.equal(store.rates.countOf('new'), 1);
});
