import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import type { ChannelListing } from '../../../prisma/store/types.ts';
import type { PublishingFixture } from '../../../testing/publishing.ts';
import { startRouteServices } from '../../../testing/route-services.ts';
import { GET } from './route.ts';

let fixture: PublishingFixture;

before(async () => (fixture = await startRouteServices()));
after(() => fixture.stop());

async function search(q: string): Promise<{ status: number; addresses: string[] }> {
  const response = await GET(new Request(`http://portal/api/channels?q=${encodeURIComponent(q)}`));
  const body = (await response.json()) as { channels: ChannelListing[] };
  return { status: response.status, addresses: body.channels.map((c) => c.address ?? c.key) };
}

test('a concrete channel name finds the catalogued address it is an instance of, as live conformance matches it', async () => {
  assert.deepEqual(await search('greenhouse/north/alert'), { status: 200, addresses: ['greenhouse/{zone}/alert'] });
  assert.deepEqual(await search('greenhouse/north/sensor/th-1/reading'), {
    status: 200,
    addresses: ['greenhouse/{zone}/sensor/{sensorId}/reading'],
  });
});

test('text search still finds by part of an address, and a name no address matches finds nothing', async () => {
  const partial = await search('alert');
  assert.ok(partial.addresses.includes('greenhouse/{zone}/alert'), JSON.stringify(partial));
  assert.deepEqual(await search('greenhouse/north/alert/extra'), { status: 200, addresses: [] });
});

test('a channel found both ways is listed once', async () => {
  const { addresses } = await search('greenhouse/{zone}/alert');
  assert.deepEqual(addresses, ['greenhouse/{zone}/alert']);
});
