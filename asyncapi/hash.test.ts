import assert from 'node:assert/strict';
import { test } from 'node:test';
import { contentHash } from './hash.ts';

test('is the SHA-256 of the UTF-8 text, in hex', () => {
  assert.equal(contentHash(''), 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855');
  assert.equal(contentHash('abc'), 'ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
  assert.notEqual(contentHash('é'), contentHash('e'));
  assert.notEqual(contentHash('a\n'), contentHash('a'));
});
