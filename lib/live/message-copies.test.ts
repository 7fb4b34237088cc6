import assert from 'node:assert/strict';
import { test } from 'node:test';
import { MessageCopies } from './message-copies.ts';

test('the copies of one message are computed once; a repeat after them is a new message', () => {
  let computed = 0;
  const copies = new MessageCopies(
    (channel) => (channel.startsWith('both.') ? 2 : 1),
    (channel, payload) => `${channel}:${payload.toString()}#${++computed}`,
  );
  const p = (text: string): Buffer => Buffer.from(text);
  assert.equal(copies.resolve('both.a', p('x')), 'both.a:x#1');
  assert.equal(copies.resolve('both.a', p('x')), 'both.a:x#1', 'the second copy');
  assert.equal(copies.resolve('both.a', p('x')), 'both.a:x#2', 'the same content published again');
  assert.equal(copies.resolve('both.a', p('x')), 'both.a:x#2');
  assert.equal(copies.resolve('one.b', p('y')), 'one.b:y#3');
  assert.equal(copies.resolve('one.b', p('y')), 'one.b:y#4', 'one copy per message on a channel one pattern matches');
  assert.equal(copies.resolve('both.c', p('z')), 'both.c:z#5');
  assert.equal(copies.resolve('both.d', p('z')), 'both.d:z#6', 'another channel is another message');
});
