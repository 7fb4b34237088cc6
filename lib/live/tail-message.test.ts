import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { InspectedMessage } from '../conformance/result.ts';
import { tailMessage } from './tail-message.ts';

const inspected = (decoded?: string): InspectedMessage => ({ conformance: { status: 'conforms', ref: 0 }, match: null, decoded });

test('a decoded binary payload is shown as its Avro JSON, marked, with the size of the bytes received', () => {
  const bytes = Buffer.from([0x06, 0x73, 0x2d, 0x31]);
  const message = tailMessage('*', 'c', bytes, { receivedAt: 1, inspected: inspected('"s-1"') });
  assert.deepEqual(message, {
    channel: 'c',
    pattern: '*',
    payload: '"s-1"',
    receivedAt: 1,
    size: 4,
    truncated: false,
    encoding: 'avro-binary',
    conformance: { status: 'conforms', ref: 0 },
  });
  const raw = tailMessage('*', 'c', bytes, {
    receivedAt: 1,
    inspected: { conformance: { status: 'violates', ref: 0, errors: [] }, match: null },
  });
  assert.equal(raw.encoding, undefined, 'bytes that did not decode are shown as they came');
  assert.equal(raw.payload, bytes.toString('utf8'));
});

test('a decoding longer than the tail shows is cut at the same limit as raw payloads', () => {
  const decoded = `[${'false,'.repeat(20_000)}false]`;
  const message = tailMessage('*', 'c', Buffer.alloc(20_003), { receivedAt: 1, inspected: inspected(decoded) });
  assert.equal(message.truncated, true);
  assert.equal(message.payload, decoded.slice(0, 64 * 1024));
  assert.equal(message.size, 20_003);
});

test('bytes that are not UTF-8 are sent in base64, marked, so the browser can show them in hex', () => {
  const bytes = Buffer.from([0x00, 0xff, 0xfe, 0x41]);
  const message = tailMessage('*', 'c', bytes, { receivedAt: 1, inspected: undefined });
  assert.equal(message.encoding, 'base64');
  assert.deepEqual(Buffer.from(message.payload, 'base64'), bytes);
  assert.equal(message.size, 4);
});

test('UTF-8 text cut inside a character at the limit stays text', () => {
  const text = `${'a'.repeat(64 * 1024 - 1)}€`;
  const message = tailMessage('*', 'c', Buffer.from(text), { receivedAt: 1, inspected: undefined });
  assert.equal(message.truncated, true);
  assert.equal(message.encoding, undefined);
  const binary = tailMessage('*', 'c', Buffer.concat([Buffer.alloc(70_000, 0xff)]), { receivedAt: 1, inspected: undefined });
  assert.equal(binary.encoding, 'base64');
  assert.equal(Buffer.from(binary.payload, 'base64').length, 64 * 1024);
});
