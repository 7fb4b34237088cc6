import assert from 'node:assert/strict';
import { test } from 'node:test';
import { formatBytes, formatRate, previewOf, readablePayload } from './format.ts';

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
