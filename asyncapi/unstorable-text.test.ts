import assert from 'node:assert/strict';
import { test } from 'node:test';
import { findUnstorableText } from './unstorable-text.ts';

test('a NUL in a value or a key is found at its path; shared and plain values pass', () => {
  assert.equal(findUnstorableText({ info: { title: 'Orders\u0000' } })?.path, 'info.title');
  assert.equal(findUnstorableText({ channels: { ['a\u0000b']: {} } })?.path, 'channels.a\u0000b');
  assert.equal(findUnstorableText({ list: ['ok', { deep: ['x\u0000'] }] })?.path, 'list.1.deep.0');
  const shared = { text: 'fine' };
  assert.equal(findUnstorableText({ a: shared, b: shared, c: [shared], n: 1, t: true, z: null }), null);
  assert.match(findUnstorableText({ info: { title: '\u0000' } })?.message ?? '', /`info.title` contains a NUL character/);
});

test('half of a surrogate pair in a value or a key is found at its path; whole pairs pass', () => {
  assert.equal(findUnstorableText({ channels: { a: { description: 'x\ud800y' } } })?.path, 'channels.a.description');
  assert.equal(findUnstorableText({ payload: { properties: { ['k\udc00']: {} } } })?.path, 'payload.properties.k\udc00');
  assert.match(findUnstorableText({ info: { title: '\ud800' } })?.message ?? '', /`info.title` contains half of a UTF-16 surrogate pair/);
  assert.match(findUnstorableText({ ['\udc00']: 1 })?.message ?? '', /^`\\udc00` contains/);
  assert.equal(findUnstorableText({ info: { title: 'Parcels 📦 \u{1F680}' } }), null);
});
