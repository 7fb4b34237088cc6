import assert from 'node:assert/strict';
import { test } from 'node:test';
import { compileGlob } from '../live/glob.ts';
import { addressGlob, linkedPatterns, linkedPublishTarget, publishHref, tailHref } from './channel-links.ts';

test("an address becomes a glob with * for each parameter that matches the address's channels only", () => {
  assert.equal(addressGlob('greenhouse/{zone}/sensor/{sensorId}/reading'), 'greenhouse/*/sensor/*/reading');
  assert.equal(addressGlob('orders.created'), 'orders.created');
  const glob = compileGlob(addressGlob('odd*[x]?/{id}'));
  assert.ok(glob('odd*[x]?/42'));
  assert.ok(!glob('oddly[x]?/42'));
  assert.ok(!glob('oddx*x/42'));
});

test('the links carry the glob and the channel, and the pages read them back', () => {
  const tail = new URL(tailHref('greenhouse/{zone}/alert'), 'http://portal');
  assert.equal(tail.pathname, '/live');
  assert.deepEqual(linkedPatterns(tail.searchParams.getAll('pattern')), ['greenhouse/*/alert']);
  const publish = new URL(publishHref({ slug: 'greenhouse-sensors', version: '2.1.0', channel: 'zoneAlert' }), 'http://portal');
  assert.equal(publish.pathname, '/publish');
  assert.deepEqual(linkedPublishTarget(Object.fromEntries(publish.searchParams)), {
    slug: 'greenhouse-sensors',
    version: '2.1.0',
    channel: 'zoneAlert',
  });
});

test('a URL without usable values asks for nothing; repeated patterns are followed once, at most ten', () => {
  assert.equal(linkedPatterns(undefined), null);
  assert.equal(linkedPatterns(['', 'x'.repeat(2_000)]), null);
  assert.deepEqual(linkedPatterns(['a.*', 'a.*', 'b.*']), ['a.*', 'b.*']);
  assert.equal(linkedPatterns(Array.from({ length: 50 }, (_, i) => `p${i}`))?.length, 10);
  assert.equal(linkedPublishTarget({ slug: 's', version: ['1', '2'], channel: 'c' }), null);
  assert.equal(linkedPublishTarget({ slug: 's', version: '1' }), null);
});
