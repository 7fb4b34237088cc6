import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, test } from 'node:test';
import type { Redis } from 'ioredis';
import type { RecentMessage } from '../../../lib/live/events.ts';
import { provideServices, services } from '../../../lib/services.ts';
import { trafficKeys, type TrafficKeys } from '../../../lib/traffic/keys.ts';
import type { PublishingFixture } from '../../../testing/publishing.ts';
import { useRedis, type TestRedis } from '../../../testing/redis.ts';
import { startRouteServices } from '../../../testing/route-services.ts';
import { dropTraffic, startCountingInstance, type CountingInstance } from '../../../testing/traffic.ts';
import { waitUntil } from '../../../testing/wait.ts';
import { GET } from './route.ts';

let fixture: PublishingFixture;
let redis: TestRedis;
let client: Redis;
let keys: TrafficKeys;
let instance: CountingInstance;
let p: string;

const documentFor = (prefix: string) => `asyncapi: 3.0.0
info: { title: Recent Traffic, version: 1.0.0 }
channels:
  order:
    address: ${prefix}orders/{id}
    messages:
      Order: { payload: { type: object, required: [id], properties: { id: { type: integer } } } }
`;

async function get(query: string): Promise<{ status: number; body: { messages?: RecentMessage[]; error?: string; parameter?: string } }> {
  const response = await GET(new Request(`http://127.0.0.1:3000/api/traffic?${query}`));
  return { status: response.status, body: (await response.json()) as { messages?: RecentMessage[] } };
}

before(async () => {
  fixture = await startRouteServices();
  redis = await useRedis();
  client = redis.connect();
  p = redis.prefix;
  await fixture.catalogue.register(documentFor(p));
  keys = trafficKeys(randomUUID());
  instance = await startCountingInstance({
    target: { kind: 'server', url: redis.url },
    catalogue: fixture.catalogue,
    keys,
    name: `${p}traffic-route`,
    observePattern: `${p}*`,
    flushMs: 20,
  });
  provideServices({ ...services(), traffic: instance.monitor });
  await waitUntil(() => instance.monitor.counting(), 'the instance to count');
  await client.publish(`${p}orders/1`, '{"id":1}');
  await client.publish(`${p}orders/2`, '{"id":"two"}');
  await client.publish(`${p}elsewhere`, 'hello');
  await client.publish(`${p}orders/3`, '{"id":3}');
  await waitUntil(async () => (await client.xlen(keys.history)) === 4, 'the 4 messages in the history');
});
after(async () => {
  await instance?.stop();
  await dropTraffic(client, keys);
  await redis?.stop();
  await fixture?.stop();
});

test('GET /api/traffic answers the newest kept messages first, as the tail shows them', async () => {
  const { status, body } = await get(`pattern=${encodeURIComponent(`${p}*`)}`);
  assert.equal(status, 200);
  assert.deepEqual(
    body.messages?.map((m) => [m.channel, m.conformance?.status]),
    [
      [`${p}orders/3`, 'conforms'],
      [`${p}elsewhere`, 'undocumented'],
      [`${p}orders/2`, 'violates'],
      [`${p}orders/1`, 'conforms'],
    ],
  );
  const violation = body.messages[2]!;
  assert.equal(violation.payload, '{"id":"two"}');
  assert.equal(violation.size, 12);
  assert.equal(violation.conformance?.document?.slug, 'recent-traffic');
  assert.deepEqual(violation.conformance?.params, { id: '2' });
  assert.equal(violation.conformance?.errors?.[0]?.path, '/id');
  assert.ok(violation.receivedAt > Date.now() - 60_000);
});

test('GET /api/traffic filters by pattern, status and document, and cuts at limit', async () => {
  const channels = async (query: string) => (await get(query)).body.messages?.map((m) => m.channel.slice(p.length));
  assert.deepEqual(await channels(`pattern=${encodeURIComponent(`${p}orders/*`)}&limit=2`), ['orders/3', 'orders/2']);
  assert.deepEqual(await channels(`pattern=${encodeURIComponent(`${p}*`)}&status=violates`), ['orders/2']);
  assert.deepEqual(await channels(`pattern=${encodeURIComponent(`${p}*`)}&status=undocumented`), ['elsewhere']);
  assert.deepEqual(await channels(`pattern=${encodeURIComponent(`${p}*`)}&document=recent-traffic&status=conforms`), [
    'orders/3',
    'orders/1',
  ]);
  assert.deepEqual(await channels(`pattern=${encodeURIComponent(`${p}*`)}&status=unchecked`), []);
});

test('GET /api/traffic refuses a bad parameter with a 400 naming it', async () => {
  for (const [query, parameter] of [
    ['status=late', 'status'],
    ['limit=5000', 'limit'],
    ['limit=-1', 'limit'],
    ['document=Recent%20Traffic', 'document'],
    ['pattern=%07', 'pattern'],
  ] as const) {
    const { status, body } = await get(query);
    assert.equal(status, 400, query);
    assert.equal(body.parameter, parameter, query);
    assert.match(body.error ?? '', new RegExp(parameter));
  }
});
