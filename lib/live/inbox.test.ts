import assert from 'node:assert/strict';
import { test } from 'node:test';
import { setImmediate as turn } from 'node:timers/promises';
import { BrokerInbox, type InboxTarget } from './inbox.ts';

/** Records what the inbox hands on, in order. */
function recorder(): InboxTarget & { calls: string[] } {
  const calls: string[] = [];
  return {
    calls,
    deliver: (pattern, channel, payload) => void calls.push(`deliver ${pattern} ${channel} ${payload.length}`),
    shed: (count, on) => void calls.push(`shed ${count}${on ? ` ${on.pattern} ${on.channel}` : ''}`),
    gap: (from, to) => void calls.push(`gap ${from}-${to}`),
  };
}

test('hands messages and gaps on in arrival order, after the push returns', async () => {
  const target = recorder();
  const inbox = new BrokerInbox(target, { maxBytes: 1024 * 1024 });
  inbox.push('*', 'a', Buffer.alloc(10));
  inbox.gap(1, 2);
  inbox.push('*', 'b', Buffer.alloc(20));
  assert.deepEqual(target.calls, [], 'nothing is delivered while Redis is being read');
  await turn();
  assert.deepEqual(target.calls, ['deliver * a 10', 'gap 1-2', 'deliver * b 20']);
});

test('past its bytes, sheds new messages and counts them per pattern and channel', async () => {
  const target = recorder();
  const inbox = new BrokerInbox(target, { maxBytes: 3 * (1_000 + 129) });
  for (let i = 0; i < 5; i++) inbox.push('*', 'a', Buffer.alloc(1_000));
  inbox.push('orders.*', 'orders.x', Buffer.alloc(1_000));
  assert.equal(inbox.pending, 3);
  await turn();
  assert.deepEqual(target.calls, ['shed 2 * a', 'shed 1 orders.* orders.x', 'deliver * a 1000', 'deliver * a 1000', 'deliver * a 1000']);
});

test('delivers in slices, so a slow hub lets the event loop read in between', async () => {
  let delivered = 0;
  const inbox = new BrokerInbox(
    {
      deliver: () => {
        delivered += 1;
        const until = performance.now() + 2;
        while (performance.now() < until);
      },
      shed: () => {},
      gap: () => {},
    },
    { maxBytes: 1024 * 1024, sliceMs: 5 },
  );
  for (let i = 0; i < 20; i++) inbox.push('*', 'a', Buffer.alloc(1));
  await turn();
  assert.ok(delivered > 0 && delivered < 20, `${delivered} delivered in the first slice`);
  while (inbox.pending > 0) await turn();
  assert.equal(delivered, 20);
});
