import assert from 'node:assert/strict';
import { test } from 'node:test';
import { keySlot } from './key-slot.ts';

// Each expected slot is what CLUSTER KEYSLOT answered on Redis 7.
test('a name hashes to the slot Redis Cluster gives it', () => {
  assert.equal(keySlot('123456789'), 12_739, 'the CRC16 check value, 0x31C3');
  assert.equal(keySlot('foo'), 12_182);
  assert.equal(keySlot(''), 0);
});

test('a hash tag hashes alone; an empty or unclosed one does not count', () => {
  assert.equal(keySlot('{user1000}.following'), 3_443);
  assert.equal(keySlot('{user1000}.following'), keySlot('user1000'));
  assert.equal(keySlot('{a}shard.orders'), 15_495);
  assert.equal(keySlot('{b}shard.orders'), 3_300);
  assert.equal(keySlot('{}x'), 10_595, 'an empty tag: the whole name');
  assert.equal(keySlot('{x'), 11_068, 'no closing brace: the whole name');
  assert.equal(keySlot('a{}b{c}'), 7_353, 'only the first opening brace counts: its tag is empty');
});

test('a name is hashed as its UTF-8 bytes', () => {
  assert.equal(keySlot('é{ü}'), keySlot('ü'));
  assert.equal(keySlot('ü'), 9_552);
});
