import assert from 'node:assert/strict';
import { test } from 'node:test';
import { formatAgo, formatBytes, formatDuration, formatRate, formatShare, gapText, previewOf, readablePayload } from './format.ts';

test('payloads that parse as JSON are indented; anything else is shown as it came', () => {
  assert.deepEqual(readablePayload('{"id":1}'), { text: '{\n  "id": 1\n}', json: true });
  assert.deepEqual(readablePayload('<b>hi</b>'), { text: '<b>hi</b>', json: false });
  assert.deepEqual(readablePayload('{"cut":'), { text: '{"cut":', json: false });
});

test('previews are one line', () => {
  assert.equal(previewOf('{\n  "a": 1,\n\t"b": 2\n}'), '{ "a": 1, "b": 2 }');
  assert.equal(previewOf('x'.repeat(10_000)).length, 240);
});

test('sizes and rates read naturally', () => {
  assert.equal(formatBytes(512), '512 B');
  assert.equal(formatBytes(1536), '1.5 KB');
  assert.equal(formatBytes(2 * 1024 * 1024), '2.0 MB');
  assert.equal(formatRate(0.44), '0.4');
  assert.equal(formatRate(9_999.6), '10000');
});

test('ages and shares read naturally', () => {
  assert.equal(formatAgo(10_000, 10_400), 'now');
  assert.equal(formatAgo(10_000, 52_000), '42 s ago');
  assert.equal(formatAgo(0, 5 * 60_000 + 10), '5 min ago');
  assert.equal(formatAgo(0, 3 * 3_600_000), '3 h ago');
  assert.equal(formatShare(0, 0), '0 %');
  assert.equal(formatShare(1, 4), '25 %');
  assert.equal(formatShare(1, 300), '0.3 %');
});

test('formatDuration reads as people say spans of time', () => {
  assert.equal(formatDuration(40), '40 ms');
  assert.equal(formatDuration(1_234), '1.2 s');
  assert.equal(formatDuration(185_000), '3 min 5 s');
});

test('a gap says how long the connection was reset, and for shard channels which', () => {
  const gap = { reason: 'reset' as const, from: 1_000, to: 2_234, before: 0 };
  assert.equal(gapText(gap), 'Connection to Redis was reset for 1.2 s: messages published meanwhile were not received.');
  assert.equal(
    gapText({ ...gap, channels: ['orders'] }),
    'Connection to Redis was reset for 1.2 s on shard channel "orders": messages published there meanwhile were not received.',
  );
  assert.match(gapText({ ...gap, channels: ['a', 'b'] }), /on shard channels "a", "b":/);
});
