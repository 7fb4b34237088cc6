import assert from 'node:assert/strict';
import { test } from 'node:test';
import { LINK_PAYLOAD_MAX, publishLink, readPublishDraft } from './publish-link.ts';

test('a draft survives the trip through a /publish link', () => {
  const draft = { topic: 'parcel.7.status', payload: '{"state":"lost & found","n":1}' };
  const link = publishLink(draft);
  assert.ok(link?.startsWith('/publish?'));
  const query = Object.fromEntries(new URL(link!, 'http://portal').searchParams);
  assert.deepEqual(readPublishDraft(query), draft);
});

test('a payload too long for a link gives no link, and a long or repeated value is not read', () => {
  assert.equal(publishLink({ topic: 't', payload: '€'.repeat(LINK_PAYLOAD_MAX) }), null);
  assert.equal(publishLink({ topic: 't'.repeat(2_000), payload: '' }), null);
  assert.deepEqual(readPublishDraft({ topic: ['a', 'b'], payload: 'x'.repeat(LINK_PAYLOAD_MAX + 1) }), { topic: '', payload: '' });
  assert.deepEqual(readPublishDraft({}), { topic: '', payload: '' });
});
