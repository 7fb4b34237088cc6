import assert from 'node:assert/strict';
import { test } from 'node:test';
import { requestProblems } from './request-problems.ts';

const schema = { slug: 'greenhouse-sensors', version: '2.1.0', channel: 'sensorReading', message: 'SensorReading' };

test('a request the handler accepts has no problems', () => {
  assert.equal(requestProblems({ topic: 'orders.created', payload: '{"id":1}' }), null);
  assert.equal(requestProblems({ topic: 'greenhouse/north/sensor/s-1/reading', payload: '{}', schema, force: true }), null);
});

test('the topic’s problems are kept apart for its field, in the handler’s words', () => {
  assert.deepEqual(requestProblems({ topic: '', payload: 'x' }), {
    topic: ['The topic is empty: name the Redis channel to publish to.'],
    other: [],
  });
  assert.deepEqual(requestProblems({ topic: 'x'.repeat(1025), payload: 'x' })?.topic, ['The topic is 1025 characters; the limit is 1024.']);
  assert.deepEqual(requestProblems({ topic: 'bad\u0001topic', payload: 'x' })?.topic, [
    'The topic contains control characters; use printable characters only.',
  ]);
});

test('problems of the other fields go to the form', () => {
  assert.deepEqual(requestProblems({ topic: 'a', payload: 'x', schema: { ...schema, version: '' } }), {
    topic: [],
    other: ['schema.version is empty: give the document version'],
  });
});
