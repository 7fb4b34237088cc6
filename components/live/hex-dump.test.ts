import assert from 'node:assert/strict';
import { test } from 'node:test';
import { base64Bytes, hexDump } from './hex-dump.ts';

test('each line has the offset, sixteen bytes in hex in two groups, and their printable ASCII', () => {
  const bytes = new Uint8Array([...Buffer.from('Hello, binary!'), 0x00, 0xff, 0x41, 0x7f]);
  const { lines, shown, total } = hexDump(bytes);
  assert.deepEqual(lines, [
    '00000000  48 65 6c 6c 6f 2c 20 62  69 6e 61 72 79 21 00 ff  |Hello, binary!..|',
    '00000010  41 7f                                             |A.|',
  ]);
  assert.deepEqual([shown, total], [18, 18]);
});

test('shows at most the limit, and says how much there was', () => {
  const dump = hexDump(new Uint8Array(100), 32);
  assert.equal(dump.lines.length, 2);
  assert.deepEqual([dump.shown, dump.total], [32, 100]);
  assert.match(dump.lines[1]!, /^00000010 /);
});

test('decodes base64 up to the limit; text that is not base64 gives no bytes', () => {
  const encoded = Buffer.from([1, 2, 3, 4, 5, 6, 7, 8]).toString('base64');
  assert.deepEqual([...base64Bytes(encoded)], [1, 2, 3, 4, 5, 6, 7, 8]);
  assert.deepEqual([...base64Bytes(encoded, 5)], [1, 2, 3, 4, 5]);
  assert.equal(base64Bytes('not base64 !').length, 0);
});
