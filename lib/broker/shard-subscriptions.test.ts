import assert from 'node:assert/strict';
import { test } from 'node:test';
import { ShardSubscriptions, type OpenedShardClient, type ShardResetWatcher } from './shard-subscriptions.ts';

/** A client that SSUBSCRIBEs to nothing and lets the test play its resets. */
function fakeClient(): { open: () => OpenedShardClient; watcher: () => ShardResetWatcher } {
  let watcher: ShardResetWatcher | undefined;
  const client: OpenedShardClient['client'] = {
    ssubscribe: () => Promise.resolve(1),
    sunsubscribe: () => Promise.resolve(0),
    on: () => client,
  };
  return {
    open: () => ({ client, close: () => {}, watchResets: (w) => void (watcher = w) }),
    watcher: () => watcher ?? assert.fail('the client was not watched'),
  };
}

test('a reset reports the followed channels it affects, once, when the client is back', async () => {
  const fake = fakeClient();
  const gaps: [string[], number, number][] = [];
  const shards = new ShardSubscriptions(
    fake.open,
    () => {},
    (...gap) => gaps.push(gap),
  );
  for (const channel of ['{a}orders', '{b}orders', '{c}orders']) await shards.acquire(channel);
  await shards.release('{c}orders');
  const before = Date.now();
  fake.watcher().lost((channel) => channel !== '{b}orders');
  fake.watcher().lost((channel) => channel === '{c}orders' || channel === '{b}orders');
  assert.equal(gaps.length, 0, 'nothing is said while the connection is down');
  fake.watcher().back();
  fake.watcher().back();
  assert.equal(gaps.length, 1);
  const [channels, from, to] = gaps[0]!;
  assert.deepEqual(channels, ['{a}orders', '{b}orders'], 'the channels followed, of both resets');
  assert.ok(before <= from && from <= to);
});

test('a reset of no followed channel, or after close, reports nothing', async () => {
  const fake = fakeClient();
  const gaps: unknown[] = [];
  const shards = new ShardSubscriptions(
    fake.open,
    () => {},
    (...gap) => gaps.push(gap),
  );
  await shards.acquire('orders');
  fake.watcher().lost(() => false);
  fake.watcher().back();
  fake.watcher().lost(() => true);
  shards.close();
  fake.watcher().back();
  assert.deepEqual(gaps, []);
});
