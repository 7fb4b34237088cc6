import assert from 'node:assert/strict';
import { once } from 'node:events';
import { after, before, test } from 'node:test';
import { Redis } from 'ioredis';
import { readExample } from '../../asyncapi/testing/examples.ts';
import { validateDocument } from '../../asyncapi/validate.ts';
import { openDatabase, type Database } from '../../prisma/db.ts';
import { startRedis, type RunningService } from '../../scripts/testing/services.ts';
import { POST } from '../../app/api/publish/route.ts';
import { GET as getChannels } from '../../app/api/publish/channels/route.ts';
import { GET as getChannel } from '../../app/api/publish/channels/[slug]/[version]/route.ts';
import { createBrokerService } from '../broker/broker-service.ts';
import { connectBroker, type BrokerConnection } from '../broker/redis.ts';
import { createCatalogue } from '../catalogue.ts';
import { startConformanceMonitor } from '../conformance/monitor.ts';
import { checkHealth } from '../health.ts';
import { provideServices } from '../services.ts';
import type { PublishChannelGroup } from '../../prisma/store/publish-channels.ts';
import { createSchemaPublisher, type PublishChannelView } from './schema-publisher.ts';

let database: Database;
let redis: RunningService;
let broker: BrokerConnection;
let subscriber: Redis;
const received: { channel: string; message: string }[] = [];

const reading = { slug: 'greenhouse-sensors', version: '2.1.0', channel: 'sensorReading', message: 'SensorReading' };
const readingTopic = 'greenhouse/north/sensor/th-0042/reading';
const validReading = { sensorId: 'th-0042', humidity: 40, measuredAt: '2024-05-01T06:00:00Z' };
const invalidReading = { sensorId: 42, humidity: 140 };
const commands = `asyncapi: 3.0.0
info: { title: Device Commands, version: 1.0.0 }
channels:
  commands:
    address: device/{deviceId}/commands
    messages:
      Rename: { payload: { type: object, required: [name], properties: { name: { type: string } } } }
      Note: { summary: 'Free text, no schema.' }
`;

before(async () => {
  database = await openDatabase({ pgliteDir: 'memory://' });
  await database.migrate();
  redis = await startRedis();
  broker = connectBroker(redis.url);
  await once(broker.redis, 'ready');
  subscriber = new Redis(redis.url);
  await subscriber.psubscribe('*');
  subscriber.on('pmessage', (_pattern: string, channel: string, message: string) => received.push({ channel, message }));
  const catalogue = createCatalogue({ db: database.prisma, validator: { validate: validateDocument } });
  for (const file of ['greenhouse-sensors.yaml', 'ecommerce-orders.yaml', 'user-signup-v2.yaml'])
    await catalogue.register(await readExample(file));
  await catalogue.register(commands);
  const brokerService = createBrokerService(broker);
  provideServices({
    catalogue,
    broker: brokerService,
    publishing: createSchemaPublisher({ db: database.prisma, publish: brokerService.publish }),
    traffic: await startConformanceMonitor(catalogue),
    health: () => checkHealth(database, broker),
    allowedOrigins: [],
  });
});

after(async () => {
  subscriber.disconnect();
  await broker.close();
  await database.close();
  await redis.stop();
});

async function publish(body: unknown): Promise<{ status: number; body: Record<string, unknown> }> {
  const response = await POST(
    new Request('http://portal/api/publish', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify(body),
    }),
  );
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}

/** What the subscriber got up to a marker published now: everything sent before it has arrived, in order. */
async function receivedBeforeMarker(): Promise<{ channel: string; message: string }[]> {
  const marker = `marker-${received.length}-${Date.now()}`;
  await broker.redis.publish('test.marker', marker);
  const deadline = Date.now() + 5_000;
  while (!received.some((r) => r.message === marker)) {
    if (Date.now() > deadline) throw new Error('the marker never arrived');
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  const index = received.findIndex((r) => r.message === marker);
  return received.splice(0, index + 1).slice(0, -1);
}

test('a payload that matches the message schema is published, received and reported as conforming', async () => {
  await receivedBeforeMarker();
  const answer = await publish({ topic: readingTopic, payload: validReading, schema: reading });
  assert.equal(answer.status, 200, JSON.stringify(answer.body));
  assert.deepEqual(answer.body, { receivers: 1, conforms: true });
  assert.deepEqual(await receivedBeforeMarker(), [{ channel: readingTopic, message: JSON.stringify(validReading) }]);
});

test('a violating payload is refused with 422 and each error with its path, and nothing reaches a subscriber', async () => {
  await receivedBeforeMarker();
  const answer = await publish({ topic: readingTopic, payload: invalidReading, schema: reading });
  assert.equal(answer.status, 422);
  assert.match(String(answer.body.error), /does not match the schema of SensorReading; nothing was sent/);
  const errors = answer.body.errors as { path: string; message: string }[];
  assert.deepEqual(errors.map((e) => e.path).sort(), ['', '/humidity', '/sensorId']);
  assert.ok(
    errors.some((e) => e.path === '' && /measuredAt/.test(e.message)),
    JSON.stringify(errors),
  );
  assert.deepEqual(await receivedBeforeMarker(), []);
});

test('with force, a violating payload is published on purpose and marked as such', async () => {
  await receivedBeforeMarker();
  const answer = await publish({ topic: readingTopic, payload: JSON.stringify(invalidReading), schema: reading, force: true });
  assert.equal(answer.status, 200, JSON.stringify(answer.body));
  assert.deepEqual(answer.body, { receivers: 1, conforms: false, forced: true });
  assert.deepEqual(await receivedBeforeMarker(), [{ channel: readingTopic, message: JSON.stringify(invalidReading) }]);
});

test('an unknown document, version, channel or message is a 404 naming it', async () => {
  const cases: [Partial<typeof reading>, RegExp][] = [
    [{ slug: 'no-such-doc' }, /Version 2\.1\.0 of "no-such-doc" was not found/],
    [{ version: '9.9.9' }, /Version 9\.9\.9 of "greenhouse-sensors" was not found/],
    [{ channel: 'nowhere' }, /Channel "nowhere" of "greenhouse-sensors" 2\.1\.0 was not found/],
    [{ message: 'Nope' }, /Message "Nope" of channel "sensorReading"/],
  ];
  for (const [change, error] of cases) {
    const answer = await publish({ topic: readingTopic, payload: validReading, schema: { ...reading, ...change } });
    assert.equal(answer.status, 404, JSON.stringify(change));
    assert.match(String(answer.body.error), error);
  }
  assert.deepEqual(await receivedBeforeMarker(), []);
});

test('a topic off the channel address is a 400, the old topic and size rules hold, a malformed schema reference is a 422', async () => {
  const wrong = await publish({ topic: 'greenhouse/{zone}/sensor/th-0042/reading', payload: validReading, schema: reading });
  assert.equal(wrong.status, 400);
  assert.match(
    String(wrong.body.error),
    /does not match the channel's address "greenhouse\/\{zone\}\/sensor\/\{sensorId\}\/reading".*zone, sensorId/,
  );
  assert.equal((await publish({ topic: '', payload: validReading, schema: reading })).status, 400);
  assert.equal((await publish({ topic: 'a\u0007b', payload: 'x' })).status, 400);
  assert.equal((await publish({ topic: 'big', payload: 'x'.repeat(1024 * 1024 + 1) })).status, 413);
  const malformed = await publish({ topic: readingTopic, payload: validReading, schema: { slug: 'greenhouse-sensors' } });
  assert.equal(malformed.status, 422);
  assert.match(String(malformed.body.error), /schema\.version is required/);
  assert.deepEqual(
    (malformed.body.issues as { path: string }[]).map((issue) => issue.path),
    ['schema.version', 'schema.channel', 'schema.message'],
  );
  assert.deepEqual(await receivedBeforeMarker(), []);
});

test('without a schema reference the payload is published unchecked, as before', async () => {
  const answer = await publish({ topic: 'plain.topic', payload: 'not json at all' });
  assert.deepEqual(answer.body, { receivers: 1 });
  assert.deepEqual(await receivedBeforeMarker(), [{ channel: 'plain.topic', message: 'not json at all' }]);
});

test('each message of a channel is checked against its own schema; one without a schema is sent unchecked, and says so', async () => {
  const ref = { slug: 'device-commands', version: '1.0.0', channel: 'commands' };
  const rename = await publish({ topic: 'device/d-1/commands', payload: { name: 'kitchen' }, schema: { ...ref, message: 'Rename' } });
  assert.deepEqual(rename.body, { receivers: 1, conforms: true });
  const wrong = await publish({ topic: 'device/d-1/commands', payload: { delay: 5 }, schema: { ...ref, message: 'Rename' } });
  assert.equal(wrong.status, 422);
  const note = await publish({ topic: 'device/d-1/commands', payload: 'anything at all', schema: { ...ref, message: 'Note' } });
  assert.deepEqual(note.body, { receivers: 1, unchecked: 'the message has no payload schema' });
  assert.deepEqual(await receivedBeforeMarker(), [
    { channel: 'device/d-1/commands', message: '{"name":"kitchen"}' },
    { channel: 'device/d-1/commands', message: 'anything at all' },
  ]);
});

test('the channel list is grouped by document without schemas; one channel comes with its parameters and templates', async () => {
  const list = (await (await getChannels()).json()) as { documents: PublishChannelGroup[] };
  assert.deepEqual(
    list.documents.map((d) => d.title),
    ['Device Commands', 'E-commerce Order Events', 'Greenhouse Sensors', 'User Accounts'],
  );
  const greenhouse = list.documents.find((d) => d.slug === 'greenhouse-sensors');
  assert.deepEqual(
    greenhouse?.channels.map((c) => [c.address, c.parameters]),
    [
      ['greenhouse/{zone}/alert', ['zone']],
      ['greenhouse/{zone}/sensor/{sensorId}/reading', ['zone', 'sensorId']],
    ],
  );
  assert.ok(!JSON.stringify(list).includes('"payload"'), 'no schemas in the list');

  const url = 'http://portal/api/publish/channels/greenhouse-sensors/2.1.0?channel=sensorReading';
  const detail = (await (
    await getChannel(new Request(url), { params: Promise.resolve({ slug: 'greenhouse-sensors', version: '2.1.0' }) })
  ).json()) as PublishChannelView;
  assert.deepEqual(
    detail.parameters.map((p) => [p.name, p.schema]),
    [
      ['zone', { type: 'string', description: 'The greenhouse zone.', enum: ['north', 'south', 'east', 'west'], default: 'north' }],
      ['sensorId', { type: 'string', description: "The sensor's id, printed on its case.", examples: ['th-0042'] }],
    ],
  );
  assert.equal(detail.messages[0]?.template.source, 'example');
  assert.equal((JSON.parse(detail.messages[0]?.template.text ?? '') as { sensorId?: string }).sensorId, 'th-0042');
  const missing = await getChannel(new Request('http://portal/x?channel=nope'), {
    params: Promise.resolve({ slug: 'greenhouse-sensors', version: '2.1.0' }),
  });
  assert.equal(missing.status, 404);
});

test("another site's page cannot publish: 403 for its Origin, 415 for a text/plain body, and nothing is sent", async () => {
  await receivedBeforeMarker();
  const post = (headers: Record<string, string>): Promise<Response> =>
    POST(
      new Request('http://portal/api/publish', {
        method: 'POST',
        headers: { Host: 'portal', ...headers },
        body: JSON.stringify({ topic: 'csrf', payload: 'x' }),
      }),
    );
  const foreign = await post({ Origin: 'https://evil.example', 'Content-Type': 'application/json' });
  assert.equal(foreign.status, 403);
  assert.match(((await foreign.json()) as { error: string }).error, /Refused a request from https:\/\/evil\.example/);
  const simple = await post({ 'Content-Type': 'text/plain;charset=UTF-8' });
  assert.equal(simple.status, 415);
  assert.match(((await simple.json()) as { error: string }).error, /Content-Type: application\/json \(got text\/plain;charset=UTF-8\)/);
  assert.equal((await post({ Origin: 'http://portal', 'Content-Type': 'application/json' })).status, 200);
  assert.deepEqual(await receivedBeforeMarker(), [{ channel: 'csrf', message: 'x' }]);
});
