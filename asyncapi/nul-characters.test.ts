import assert from 'node:assert/strict';
import { test } from 'node:test';
import { findNulCharacter } from './nul-characters.ts';

test('a NUL in a value or a key is found at its path; shared and plain values pass', () => {
  assert.equal(findNulCharacter({ info: { title: 'Orders\u0000' } })?.path, 'info.title');
  assert.equal(findNulCharacter({ channels: { ['a\u0000b']: {} } })?.path, 'channels.a\u0000b');
  assert.equal(findNulCharacter({ list: ['ok', { deep: ['x\u0000'] }] })?.path, 'list.1.deep.0');
  const shared = { text: 'fine' };
  assert.equal(findNulCharacter({ a: shared, b: shared, c: [shared], n: 1, t: true, z: null }), null);
  assert.match(findNulCharacter({ info: { title: '\u0000' } })?.message ?? '', /`info.title` contains a NUL character/);
});
