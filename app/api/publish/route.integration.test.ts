import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import type { PublishChannelView } from '../../../lib/publishing/schema-publisher.ts';
import type { PublishChannelGroup } from '../../../prisma/store/publish-channels.ts';
import {
  besidesPortal,
  INVALID_READING as invalidReading,
  READING as reading,
  READING_TOPIC as readingTopic,
  VALID_READING as validReading,
  type PublishingFixture,
} from '../../../testing/publishing.ts';
import { startRouteServices } from '../../../testing/route-services.ts';
import { GET as getChannel } from './channels/[slug]/[version]/route.ts';
import { GET as getChannels } from './channels/route.ts';
import { POST } from './route.ts';

// The routes' side of publishing: statuses, bodies, request checks. What is checked is lib/publishing's own test.
let fixture: PublishingFixture;

before(async () => (fixture = await startRouteServices()));

after(() => fixture.stop());

const receivedBeforeMarker = () => fixture.receivedBeforeMarker();

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

test('a payload that matches the message schema is published, received and reported as conforming', async () => {
  await receivedBeforeMarker();
  const answer = await publish({ topic: readingTopic, payload: validReading, schema: reading });
  assert.equal(answer.status, 200, JSON.stringify(answer.body));
  assert.deepEqual(besidesPortal(answer.body), { receiversBesidesPortal: 1, conforms: true });
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
  assert.deepEqual(besidesPortal(answer.body), { receiversBesidesPortal: 1, conforms: false, forced: true });
  assert.deepEqual(await receivedBeforeMarker(), [{ channel: readingTopic, message: JSON.stringify(invalidReading) }]);
});

test('an address parameter outside its schema is refused with 422 naming it, as live conformance would count it', async () => {
  await receivedBeforeMarker();
  const topic = 'greenhouse/mars/sensor/th-0042/reading';
  const answer = await publish({ topic, payload: validReading, schema: reading });
  assert.equal(answer.status, 422, JSON.stringify(answer.body));
  assert.match(String(answer.body.error), /address parameter zone \("mars"\) does not match its schema; nothing was sent/);
  assert.deepEqual(answer.body.errors, [{ path: '{zone}', message: 'must be one of "north", "south", "east", "west"' }]);
  assert.deepEqual(await receivedBeforeMarker(), []);
  const forced = await publish({ topic, payload: validReading, schema: reading, force: true });
  assert.deepEqual(besidesPortal(forced.body), { receiversBesidesPortal: 1, conforms: false, forced: true });
  assert.deepEqual(await receivedBeforeMarker(), [{ channel: topic, message: JSON.stringify(validReading) }]);
});

test('a bad parameter and a bad payload are refused together, each issue with its path', async () => {
  const answer = await publish({ topic: 'greenhouse/mars/sensor/th-0042/reading', payload: invalidReading, schema: reading });
  assert.equal(answer.status, 422);
  assert.match(String(answer.body.error), /address parameter zone \("mars"\) and the payload do not match/);
  const errors = answer.body.errors as { path: string }[];
  assert.equal(errors[0]?.path, '{zone}');
  assert.ok(
    errors.some((e) => e.path === '/humidity'),
    JSON.stringify(errors),
  );
  assert.deepEqual(await receivedBeforeMarker(), []);
});

test('an unknown document, version, channel or message is a 404 naming it', async () => {
  const changes: Partial<typeof reading>[] = [{ slug: 'no-such-doc' }, { version: '9.9.9' }, { channel: 'nowhere' }, { message: 'Nope' }];
  for (const change of changes) {
    const answer = await publish({ topic: readingTopic, payload: validReading, schema: { ...reading, ...change } });
    assert.equal(answer.status, 404, JSON.stringify(change));
    const error = String(answer.body.error);
    assert.ok(error.includes(Object.values(change).join()), `names ${JSON.stringify(change)}: ${error}`);
  }
  assert.deepEqual(await receivedBeforeMarker(), []);
});

test('a topic off the channel address is a 400; a body its schema refuses (topic rules, schema reference) is a 422', async () => {
  const wrong = await publish({ topic: 'greenhouse/{zone}/sensor/th-0042/reading', payload: validReading, schema: reading });
  assert.equal(wrong.status, 400);
  assert.match(
    String(wrong.body.error),
    /does not match the channel's address "greenhouse\/\{zone\}\/sensor\/\{sensorId\}\/reading".*zone, sensorId/,
  );
  const empty = await publish({ topic: '', payload: validReading, schema: reading });
  assert.equal(empty.status, 422);
  assert.deepEqual(
    (empty.body.issues as { path: string }[]).map((issue) => issue.path),
    ['topic'],
  );
  assert.equal((await publish({ topic: 'a\u0007b', payload: 'x' })).status, 422);
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

test('the reserved topic master is refused here as on /topics, and nothing is published', async () => {
  await receivedBeforeMarker();
  const answer = await publish({ topic: 'master', payload: 'x' });
  assert.equal(answer.status, 422);
  assert.equal(answer.body.error, 'master is a reserved topic');
  assert.deepEqual(await receivedBeforeMarker(), []);
});

test("the portal's own channels between instances are refused, and nothing is published", async () => {
  await receivedBeforeMarker();
  const answer = await publish({ topic: 'event-portal:io-request#/#', payload: '{"type":4,"opts":{"rooms":[],"except":[]},"close":true}' });
  assert.equal(answer.status, 422);
  assert.match(String(answer.body.error), /Topics starting with event-portal: are the portal's own/);
  assert.deepEqual(await receivedBeforeMarker(), []);
});

test('a payload nested thousands deep is a 422 naming the limit, not a 500, and nothing is published', async () => {
  await receivedBeforeMarker();
  // Written as text: serialising it here would overflow this process's stack as it did the handler's.
  const deep = `{"topic":"deep.payload","payload":${'['.repeat(5000)}${']'.repeat(5000)}}`;
  const response = await POST(
    new Request('http://portal/api/publish', { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: deep }),
  );
  assert.equal(response.status, 422);
  assert.match(((await response.json()) as { error: string }).error, /payload nests more than 64 levels deep/);
  assert.equal((await publish({ topic: 'deep.payload', payload: JSON.parse('['.repeat(60) + ']'.repeat(60)) as unknown })).status, 200);
  assert.deepEqual(await receivedBeforeMarker(), [{ channel: 'deep.payload', message: '['.repeat(60) + ']'.repeat(60) }]);
});

test('without a schema reference the payload is published unchecked, as before', async () => {
  const answer = await publish({ topic: 'plain.topic', payload: 'not json at all' });
  assert.deepEqual(besidesPortal(answer.body), { receiversBesidesPortal: 1 });
  assert.deepEqual(await receivedBeforeMarker(), [{ channel: 'plain.topic', message: 'not json at all' }]);
});

test('the channel routes answer the list without schemas, one channel in full, 404 for an unknown one and 400 without ?channel=', async () => {
  const list = (await (await getChannels(new Request('http://127.0.0.1:3000/api/publish/channels'))).json()) as {
    documents: PublishChannelGroup[];
  };
  assert.deepEqual(
    list.documents.map((d) => d.title),
    ['Device Commands', 'E-commerce Order Events', 'Greenhouse Sensors', 'User Accounts'],
  );
  assert.ok(!JSON.stringify(list).includes('"payload"'), 'no schemas in the list');

  const params = { params: Promise.resolve({ slug: 'greenhouse-sensors', version: '2.1.0' }) };
  const found = await getChannel(new Request('http://portal/api/publish/channels/greenhouse-sensors/2.1.0?channel=sensorReading'), params);
  assert.equal(found.status, 200);
  const detail = (await found.json()) as PublishChannelView;
  assert.deepEqual(
    detail.parameters.map((p) => p.name),
    ['zone', 'sensorId'],
  );
  assert.equal(detail.messages[0]?.template.source, 'example');
  assert.equal((await getChannel(new Request('http://portal/x?channel=nope'), params)).status, 404);
  assert.equal((await getChannel(new Request('http://portal/x'), params)).status, 400);
});

test("another site's page cannot publish: 403 for its Origin, 415 for a text/plain body, and nothing is sent", async () => {
  await receivedBeforeMarker();
  const post = (headers: Record<string, string>): Promise<Response> =>
    POST(
      new Request('http://localhost:3000/api/publish', {
        method: 'POST',
        headers: { Host: 'localhost:3000', ...headers },
        body: JSON.stringify({ topic: 'csrf', payload: 'x' }),
      }),
    );
  const foreign = await post({ Origin: 'https://evil.example', 'Content-Type': 'application/json' });
  assert.equal(foreign.status, 403);
  assert.match(((await foreign.json()) as { error: string }).error, /Refused a request from https:\/\/evil\.example/);
  const simple = await post({ 'Content-Type': 'text/plain;charset=UTF-8' });
  assert.equal(simple.status, 415);
  assert.match(((await simple.json()) as { error: string }).error, /Content-Type: application\/json \(got text\/plain;charset=UTF-8\)/);
  assert.equal((await post({ Origin: 'http://localhost:3000', 'Content-Type': 'application/json' })).status, 200);
  assert.deepEqual(await receivedBeforeMarker(), [{ channel: 'csrf', message: 'x' }]);
});
