import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { TailMessage } from '../../lib/live/events.ts';
import { snapshotOf, WINDOW_MARGIN, windowView } from './tail-snapshot.ts';
import { TailStore } from './tail-store.ts';

function message(channel: string): TailMessage {
  return { channel, pattern: '*', payload: '{}', receivedAt: 0, size: 2, truncated: false };
}

function storeWith(count: number): TailStore {
  const store = new TailStore({ requestFrame: (render) => render() });
  store.ingest({ messages: Array.from({ length: count }, (_, i) => message(`c${i}`)), dropped: 0 });
  return store;
}

const top = { first: 0, last: 20, added: 0, generation: 0, scrolled: false };

test('sends the rows of the window and its margin, with the counters, not the whole ring', () => {
  const store = storeWith(1_000);
  const snapshot = snapshotOf(store, top);
  assert.equal(snapshot.length, 1_000);
  assert.equal(snapshot.total, 1_000);
  assert.equal(snapshot.start, 0);
  assert.equal(snapshot.rows.length, 20 + WINDOW_MARGIN);
  assert.equal(snapshot.rows[0]!.message?.channel, 'c999');
  assert.equal(snapshot.oldest?.message?.channel, 'c0');
});

test('a list scrolled away from the top gets the rows it kept in view, however many arrived since it asked', () => {
  const store = storeWith(500);
  const asked = { first: 100, last: 120, added: store.added, generation: store.generation, scrolled: true };
  const reading = snapshotOf(store, asked).rows[WINDOW_MARGIN]!.seq;
  store.ingest({ messages: Array.from({ length: 30 }, () => message('new')), dropped: 0 });
  const view = windowView(snapshotOf(store, asked));
  // The list moves down by the 30 rows added, so index 130 is the row it was reading.
  assert.equal(view.at(130)?.seq, reading);
  assert.equal(view.indexOf(reading), 130);
});

test('at the top the window follows the newest rows', () => {
  const store = storeWith(50);
  store.ingest({ messages: [message('newest')], dropped: 0 });
  assert.equal(windowView(snapshotOf(store, top)).at(0)?.message?.channel, 'newest');
});

test('a view of a snapshot reads only its window and the oldest row', () => {
  const view = windowView(snapshotOf(storeWith(200), top));
  assert.equal(view.at(100), undefined);
  assert.equal(view.at(199)?.message?.channel, 'c0');
  assert.equal(view.indexOf(view.at(199)!.seq), 199);
  assert.equal(view.indexOf(-5), -1);
});
