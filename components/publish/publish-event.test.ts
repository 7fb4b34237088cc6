import assert from 'node:assert/strict';
import { test } from 'node:test';
import { deliveredSentence } from './publish-event.ts';

test('a delivered event says how many received it and how the payload fared against its schema', () => {
  assert.equal(deliveredSentence(3, { kind: 'none' }), 'Delivered to 3 subscribers besides the portal.');
  assert.equal(deliveredSentence(1, { kind: 'conforms' }), 'Delivered to 1 subscriber besides the portal. The payload matches its schema.');
  assert.equal(
    deliveredSentence(0, { kind: 'unchecked', reason: 'the message has no payload schema' }),
    'Delivered to 0 subscribers besides the portal: nothing else is subscribed to this topic right now. Not checked: the message has no payload schema.',
  );
});

test('a forced send is marked as an invalid payload sent on purpose', () => {
  assert.equal(
    deliveredSentence(2, { kind: 'forced' }),
    'Sent an invalid payload on purpose — delivered to 2 subscribers besides the portal.',
  );
});

test('a payload sent as binary Avro says so, with its size', () => {
  assert.equal(
    deliveredSentence(1, { kind: 'conforms' }, 42),
    'Delivered to 1 subscriber besides the portal. The payload matches its schema. Sent as binary Avro (42 bytes).',
  );
});
