import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { READING, type PublishingFixture } from '../../testing/publishing.ts';
import { startRouteServices } from '../../testing/route-services.ts';
import { GET as getChannels } from './channels/route.ts';
import { GET as getDiff } from './documents/[slug]/diff/route.ts';
import { GET as getDocument } from './documents/[slug]/route.ts';
import { GET as getVersion, PATCH as patchVersion } from './documents/[slug]/versions/[version]/route.ts';
import { GET as listDocuments } from './documents/route.ts';
import { GET as getPublishChannel } from './publish/channels/[slug]/[version]/route.ts';
import { POST as publish } from './publish/route.ts';

// PostgreSQL (and PGlite) refuse a NUL in text, which failed the query with a 500: every value a route reads
// from the URL, or a publish body names a message with, is refused first with a 400 that names it.
let fixture: PublishingFixture;

before(async () => (fixture = await startRouteServices()));

after(() => fixture.stop());

const NUL = '\u0000';
const { slug, version } = READING;
const url = (path: string): Request => new Request(`http://portal${path}`);
const params = <P extends Record<string, string>>(values: P): { params: Promise<P> } => ({ params: Promise.resolve(values) });

async function assertRefused(response: Response, what: RegExp): Promise<void> {
  assert.equal(response.status, 400);
  const body = (await response.json()) as { error: string };
  assert.match(body.error, what);
  assert.match(body.error, /contains a NUL character \(%00\)/);
}

test('a NUL in the search query q is a 400 that says so', async () => {
  await assertRefused(await listDocuments(url('/api/documents?q=%00')), /^The search term/);
  await assertRefused(await getChannels(url('/api/channels?q=sensor%00')), /^The search term/);
});

test('a NUL in a slug or version path segment is a 400 that names it', async () => {
  // Next hands the route the decoded segment: /api/documents/%00 arrives as "\0".
  await assertRefused(await getDocument(url('/api/documents/%00'), params({ slug: NUL })), /^The document slug/);
  await assertRefused(await getVersion(url(`/api/documents/${slug}/versions/%00`), params({ slug, version: NUL })), /^The version/);
  const patch = new Request(`http://portal/api/documents/${slug}/versions/%00`, {
    method: 'PATCH',
    headers: { 'Content-Type': 'application/json' },
    body: '{"status":"deprecated"}',
  });
  await assertRefused(await patchVersion(patch, params({ slug, version: NUL })), /^The version/);
});

test('a NUL in a diff version is a 400 that names it', async () => {
  const response = await getDiff(url(`/api/documents/${slug}/diff?from=%00&to=${version}`), params({ slug }));
  await assertRefused(response, /^The version to compare from/);
});

test('a NUL in the publish channel or schema reference is a 400 that names it', async () => {
  const channel = await getPublishChannel(url(`/api/publish/channels/${slug}/${version}?channel=%00`), params({ slug, version }));
  await assertRefused(channel, /^The channel/);
  const body = { topic: 'greenhouse/north/sensor/th-1/reading', payload: {}, schema: { ...READING, slug: `${slug}${NUL}` } };
  const request = new Request('http://portal/api/publish', {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify(body),
  });
  await assertRefused(await publish(request), /^schema\.slug/);
});

test('the same values without the NUL still answer', async () => {
  assert.equal((await listDocuments(url('/api/documents?q=sensor'))).status, 200);
  assert.equal((await getDocument(url(`/api/documents/${slug}`), params({ slug }))).status, 200);
  assert.equal((await getVersion(url(`/api/documents/${slug}/versions/${version}`), params({ slug, version }))).status, 200);
});
