import assert from 'node:assert/strict';
import { test } from 'node:test';
import { exportFileName, toNdjson } from './tail-export.ts';

const document = { slug: 'parcels', version: '1.0.0', title: 'Parcels', status: 'released' as const };

test('one JSON object per line: channel, receivedAt, status, document, message and payload', () => {
  const text = toNdjson([
    {
      channel: 'parcel.7.status',
      payload: '{"state":"lost"}',
      receivedAt: Date.UTC(2024, 4, 1, 10),
      truncated: false,
      conformance: { status: 'violates', document, message: 'parcelStatus' },
    },
    { channel: 'misc', payload: 'plain\ntext', receivedAt: 0, truncated: false },
    { channel: 'bin', payload: 'AP8=', receivedAt: 0, truncated: false, encoding: 'base64' },
  ]);
  const lines = text.split('\n');
  assert.equal(lines.length, 4, 'three lines, each ending in a newline');
  assert.equal(lines[3], '');
  assert.deepEqual(JSON.parse(lines[0]!), {
    channel: 'parcel.7.status',
    receivedAt: '2024-05-01T10:00:00.000Z',
    status: 'violates',
    document: 'parcels',
    message: 'parcelStatus',
    payload: { state: 'lost' },
  });
  assert.deepEqual(JSON.parse(lines[1]!), {
    channel: 'misc',
    receivedAt: '1970-01-01T00:00:00.000Z',
    status: null,
    document: null,
    message: null,
    payload: 'plain\ntext',
  });
  assert.equal((JSON.parse(lines[2]!) as { encoding?: string }).encoding, 'base64');
});

test('an export of nothing is empty, and its file name carries the time', () => {
  assert.equal(toNdjson([]), '');
  assert.equal(exportFileName(Date.UTC(2024, 4, 1, 10, 2, 3)), 'tail-2024-05-01T10-02-03Z.ndjson');
});
