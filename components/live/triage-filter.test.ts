import assert from 'node:assert/strict';
import { test } from 'node:test';
import { compileTriage, expressionInput, NO_FILTER, type FilterableMessage } from './triage-filter.ts';

const document = { slug: 'parcels', version: '1.0.0', title: 'Parcel tracking', status: 'released' as const };
const violating: FilterableMessage = {
  channel: 'parcel.7.status',
  payload: '{"state":"lost"}',
  receivedAt: 5,
  truncated: false,
  conformance: { status: 'violates', document, message: 'parcelStatus' },
};
const undocumented: FilterableMessage = {
  channel: 'misc',
  payload: 'plain text',
  receivedAt: 6,
  truncated: false,
  conformance: { status: 'undocumented' },
};
const unchecked: FilterableMessage = { channel: 'misc', payload: '{}', receivedAt: 7, truncated: false };

test('no filter keeps everything and is not active', () => {
  const triage = compileTriage(NO_FILTER);
  assert.equal(triage.active, false);
  assert.ok([violating, undocumented, unchecked].every((m) => triage.accepts(m)));
});

test('statuses keep only messages checked with one of them', () => {
  const triage = compileTriage({ ...NO_FILTER, statuses: ['violates', 'undocumented'] });
  assert.deepEqual(
    [violating, undocumented, unchecked].map((m) => triage.accepts(m)),
    [true, true, false],
  );
});

test('document matches slug or title and message matches the key, ignoring case', () => {
  assert.equal(compileTriage({ ...NO_FILTER, document: 'PARCEL' }).accepts(violating), true);
  assert.equal(compileTriage({ ...NO_FILTER, document: 'tracking' }).accepts(violating), true);
  assert.equal(compileTriage({ ...NO_FILTER, document: 'orders' }).accepts(violating), false);
  assert.equal(compileTriage({ ...NO_FILTER, document: 'parcel' }).accepts(undocumented), false);
  assert.equal(compileTriage({ ...NO_FILTER, message: 'status' }).accepts(violating), true);
  assert.equal(compileTriage({ ...NO_FILTER, message: 'status' }).accepts(unchecked), false);
});

test('text matches channel or payload, and every field must pass', () => {
  assert.equal(compileTriage({ ...NO_FILTER, text: 'LOST' }).accepts(violating), true);
  assert.equal(compileTriage({ ...NO_FILTER, text: 'lost', statuses: ['conforms'] }).accepts(violating), false);
});

test('an expression that does not compile keeps nothing and says why', () => {
  const triage = compileTriage({ ...NO_FILTER, expression: 'payload.(' });
  assert.equal(triage.active, true);
  assert.equal(triage.expression, null);
  assert.match(triage.expressionError ?? '', /Expected/);
  assert.equal(triage.accepts(violating), false);
});

test('the expression sees the row as channel, parsed payload, status, document, message and receivedAt', () => {
  assert.deepEqual(expressionInput(violating), {
    channel: 'parcel.7.status',
    payload: { state: 'lost' },
    status: 'violates',
    document: 'parcels',
    message: 'parcelStatus',
    receivedAt: 5,
  });
  assert.equal(expressionInput(undocumented), null, 'a payload that is not JSON is skipped');
  assert.equal(expressionInput({ ...unchecked, truncated: true }), null, 'a cut payload is skipped');
  assert.equal(expressionInput({ ...unchecked, encoding: 'base64', payload: 'e30=' }), null, 'binary is skipped');
});
