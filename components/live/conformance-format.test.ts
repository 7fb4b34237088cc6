import assert from 'node:assert/strict';
import { test } from 'node:test';
import { conformanceSummary, pathLabel } from './conformance-format.ts';

test('a violation is summarised by its first error and how many more there are', () => {
  const errors = [
    { path: '/sensorId', message: 'must be string' },
    { path: '', message: "must have required property 'measuredAt'" },
  ];
  assert.equal(conformanceSummary({ status: 'violates', errors }), '/sensorId must be string (+1 more)');
  assert.equal(conformanceSummary({ status: 'violates', errors: errors.slice(1) }), "payload must have required property 'measuredAt'");
  assert.equal(pathLabel(''), 'payload');
});

test('other statuses say what was matched or why nothing was checked', () => {
  assert.equal(
    conformanceSummary({ status: 'conforms', channel: { key: 'k', address: 'greenhouse/{zone}/alert' } }),
    'greenhouse/{zone}/alert',
  );
  assert.equal(conformanceSummary({ status: 'undocumented' }), 'no catalogued channel matches');
  assert.equal(
    conformanceSummary({ status: 'unchecked', reason: 'the message has no payload schema' }),
    'the message has no payload schema',
  );
});
