import assert from 'node:assert/strict';
import { test } from 'node:test';
import { ClientQueue } from './client-queue.ts';
import type { TailBatch, TailMessage } from './events.ts';

const message = (n: number): TailMessage => ({ channel: 'c', pattern: '*', payload: String(n), receivedAt: n, size: 1, truncated: false });
const tick = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

test('batches messages that arrive together', async () => {
  const batches: TailBatch[] = [];
  const queue = new ClientQueue((b, ack) => (batches.push(b), ack()), { capacity: 100, batchSize: 50, flushIntervalMs: 5, maxInFlight: 1 });
  for (let i = 0; i < 10; i++) queue.push(message(i));
  await tick(20);
  assert.equal(batches.length, 1);
  assert.deepEqual(
    batches[0]?.messages.map((m) => m.payload),
    ['0', '1', '2', '3', '4', '5', '6', '7', '8', '9'],
  );
  assert.equal(batches[0]?.dropped, 0);
  queue.close();
});

test('a full batch goes out at once', () => {
  const batches: TailBatch[] = [];
  const queue = new ClientQueue((b, ack) => (batches.push(b), ack()), {
    capacity: 100,
    batchSize: 5,
    flushIntervalMs: 1_000,
    maxInFlight: 1,
  });
  for (let i = 0; i < 12; i++) queue.push(message(i));
  assert.deepEqual(
    batches.map((b) => b.messages.length),
    [5, 5],
  );
  queue.close();
});

test('a client that stops acknowledging keeps only the newest messages and is told how many it lost', async () => {
  const batches: TailBatch[] = [];
  const acks: (() => void)[] = [];
  const queue = new ClientQueue((b, ack) => (batches.push(b), acks.push(ack)), {
    capacity: 10,
    batchSize: 5,
    flushIntervalMs: 1,
    maxInFlight: 1,
  });
  for (let i = 0; i < 5; i++) queue.push(message(i));
  assert.equal(batches.length, 1, 'first batch sent');
  for (let i = 5; i < 105; i++) queue.push(message(i));
  await tick(10);
  assert.equal(batches.length, 1, 'nothing more is sent while unacknowledged');
  assert.equal(queue.pending, 10, 'memory stays bounded');
  acks.shift()?.();
  assert.equal(batches.length, 2);
  assert.equal(batches[1]?.dropped, 90);
  assert.deepEqual(
    batches[1]?.messages.map((m) => m.payload),
    ['95', '96', '97', '98', '99'],
  );
  acks.shift()?.();
  assert.deepEqual(
    batches[2]?.messages.map((m) => m.payload),
    ['100', '101', '102', '103', '104'],
  );
  assert.equal(batches[2]?.dropped, 0);
  queue.close();
});

test('a stalled client holds a bounded number of bytes, in batches bounded in bytes too', () => {
  const batches: TailBatch[] = [];
  const acks: (() => void)[] = [];
  const queue = new ClientQueue((b, ack) => (batches.push(b), acks.push(ack)), {
    capacity: 10_000,
    maxBytes: 1024 * 1024,
    batchSize: 2_000,
    batchBytes: 256 * 1024,
    flushIntervalMs: 1_000,
    maxInFlight: 1,
  });
  const big = (n: number): TailMessage => ({ ...message(n), payload: 'x'.repeat(64 * 1024), size: 64 * 1024 });
  for (let i = 0; i < 400; i++) queue.push(big(i));
  assert.equal(batches.length, 1, 'a batch goes out once it holds batchBytes');
  assert.equal(batches[0]?.messages.length, 3, 'three 64 KB messages fill a 256 KB batch');
  assert.ok(queue.pendingBytes <= 1024 * 1024, `${queue.pendingBytes} bytes held`);
  assert.equal(queue.pending, 15);
  acks.shift()?.();
  assert.equal(batches[1]?.dropped, 400 - 3 - 15, 'every message it lost is counted');
  queue.close();
});

test('a gap of shard channels names them, and stays apart from a gap of the pattern connection', async () => {
  const batches: TailBatch[] = [];
  const queue = new ClientQueue((b, ack) => (batches.push(b), ack()), { capacity: 100, batchSize: 50, flushIntervalMs: 5, maxInFlight: 1 });
  queue.push(message(0));
  queue.gap(10, 20, ['orders']);
  queue.gap(15, 25, ['payments', 'orders']);
  queue.gap(12, 30);
  queue.push(message(1));
  await tick(20);
  assert.deepEqual(batches[0]?.gaps, [
    { reason: 'reset', channels: ['orders', 'payments'], from: 10, to: 25, before: 1 },
    { reason: 'reset', from: 12, to: 30, before: 1 },
  ]);
  queue.close();
});

test('past 16 pending gaps, new ones join the last, which then names no channels', async () => {
  const batches: TailBatch[] = [];
  const queue = new ClientQueue((b, ack) => (batches.push(b), ack()), { capacity: 100, batchSize: 50, flushIntervalMs: 5, maxInFlight: 1 });
  for (let i = 0; i < 16; i++) {
    queue.push(message(i));
    queue.gap(i, i + 1, ['orders']);
  }
  queue.push(message(16));
  queue.gap(100, 200);
  await tick(20);
  const gaps = batches[0]?.gaps ?? [];
  assert.equal(gaps.length, 16);
  assert.deepEqual(gaps[14], { reason: 'reset', channels: ['orders'], from: 14, to: 15, before: 15 });
  assert.deepEqual(gaps[15], { reason: 'reset', from: 15, to: 200, before: 16 });
  queue.close();
});

test('recalled messages go out first, in batches marked history, and live ones pushed meanwhile follow', async () => {
  const batches: TailBatch[] = [];
  const queue = new ClientQueue((b, ack) => (batches.push(b), ack()), { capacity: 100, batchSize: 2, flushIntervalMs: 1, maxInFlight: 1 });
  let answer!: (messages: TailMessage[]) => void;
  const recalled = queue.recall(new Promise((resolve) => (answer = resolve)));
  queue.push(message(10));
  queue.push(message(11));
  queue.push(message(12));
  await tick(10);
  assert.equal(batches.length, 0, 'nothing is sent before the recall is answered');
  answer([message(1), message(2), message(3)]);
  await recalled;
  await tick(10);
  assert.deepEqual(
    batches.map((b) => [b.history ?? false, b.messages.map((m) => m.payload)]),
    [
      [true, ['1', '2']],
      [true, ['3']],
      [false, ['10', '11']],
      [false, ['12']],
    ],
  );
  queue.close();
});

test('a recall that fails sends no history and lets the live messages through', async () => {
  const batches: TailBatch[] = [];
  const queue = new ClientQueue((b, ack) => (batches.push(b), ack()), { capacity: 100, batchSize: 10, flushIntervalMs: 1, maxInFlight: 1 });
  const recalled = queue.recall(Promise.reject(new Error('Redis is down')));
  queue.push(message(1));
  await recalled;
  await tick(10);
  assert.deepEqual(
    batches.map((b) => [b.history ?? false, b.messages.length]),
    [[false, 1]],
  );
  queue.close();
});
