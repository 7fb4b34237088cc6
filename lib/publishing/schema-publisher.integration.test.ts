import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import {
  besidesPortal,
  INVALID_READING,
  READING,
  READING_TOPIC,
  VALID_READING,
  startPublishing,
  type PublishingFixture,
} from '../../testing/publishing.ts';
import { PayloadViolationError } from '../errors.ts';

let fixture: PublishingFixture;

before(async () => {
  fixture = await startPublishing();
});
after(() => fixture.stop());

const publish = (request: Parameters<PublishingFixture['publisher']['publish']>[0]) => fixture.publisher.publish(request);

test('a payload that matches the message schema is published, received and reported as conforming', async () => {
  await fixture.receivedBeforeMarker();
  assert.deepEqual(besidesPortal(await publish({ topic: READING_TOPIC, payload: JSON.stringify(VALID_READING), schema: READING })), {
    receiversBesidesPortal: 1,
    conforms: true,
  });
  assert.deepEqual(await fixture.receivedBeforeMarker(), [{ channel: READING_TOPIC, message: JSON.stringify(VALID_READING) }]);
});

test('a violating payload is refused with each error and its path, and nothing reaches a subscriber', async () => {
  await fixture.receivedBeforeMarker();
  await assert.rejects(publish({ topic: READING_TOPIC, payload: JSON.stringify(INVALID_READING), schema: READING }), (error) => {
    assert.ok(error instanceof PayloadViolationError);
    assert.match(error.message, /does not match the schema of SensorReading; nothing was sent/);
    assert.deepEqual(error.errors.map((e) => e.path).sort(), ['', '/humidity', '/sensorId']);
    assert.ok(
      error.errors.some((e) => e.path === '' && /measuredAt/.test(e.message)),
      JSON.stringify(error.errors),
    );
    return true;
  });
  assert.deepEqual(await fixture.receivedBeforeMarker(), []);
});

test('with force, a violating payload is published on purpose and marked as such', async () => {
  await fixture.receivedBeforeMarker();
  const payload = JSON.stringify(INVALID_READING);
  assert.deepEqual(besidesPortal(await publish({ topic: READING_TOPIC, payload, schema: READING, force: true })), {
    receiversBesidesPortal: 1,
    conforms: false,
    forced: true,
  });
  assert.deepEqual(await fixture.receivedBeforeMarker(), [{ channel: READING_TOPIC, message: payload }]);
});

test('an unknown document, version, channel or message is a NotFoundError naming it', async () => {
  const cases: [Partial<typeof READING>, RegExp][] = [
    [{ slug: 'no-such-doc' }, /Version 2\.1\.0 of "no-such-doc" was not found/],
    [{ version: '9.9.9' }, /Version 9\.9\.9 of "greenhouse-sensors" was not found/],
    [{ channel: 'nowhere' }, /Channel "nowhere" of "greenhouse-sensors" 2\.1\.0 was not found/],
    [{ message: 'Nope' }, /Message "Nope" of channel "sensorReading"/],
  ];
  for (const [change, message] of cases) {
    const request = { topic: READING_TOPIC, payload: JSON.stringify(VALID_READING), schema: { ...READING, ...change } };
    await assert.rejects(publish(request), { name: 'NotFoundError', message }, JSON.stringify(change));
  }
  assert.deepEqual(await fixture.receivedBeforeMarker(), []);
});

test('a topic that is not an instance of the channel address is refused, naming the parameters; the topic rules still hold', async () => {
  const payload = JSON.stringify(VALID_READING);
  await assert.rejects(publish({ topic: 'greenhouse/{zone}/sensor/th-0042/reading', payload, schema: READING }), {
    name: 'PublishInputError',
    message: /does not match the channel's address "greenhouse\/\{zone\}\/sensor\/\{sensorId\}\/reading".*zone, sensorId/,
  });
  await assert.rejects(publish({ topic: '', payload, schema: READING }), { name: 'PublishInputError' });
  await assert.rejects(publish({ topic: 'a\u0007b', payload: 'x' }), { name: 'PublishInputError' });
  await assert.rejects(publish({ topic: 'big', payload: 'x'.repeat(1024 * 1024 + 1) }), { name: 'PayloadTooLargeError' });
  assert.deepEqual(await fixture.receivedBeforeMarker(), []);
});

test('without a schema reference the payload is published unchecked, as before', async () => {
  assert.deepEqual(besidesPortal(await publish({ topic: 'plain.topic', payload: 'not json at all' })), { receiversBesidesPortal: 1 });
  assert.deepEqual(await fixture.receivedBeforeMarker(), [{ channel: 'plain.topic', message: 'not json at all' }]);
});

test('each message of a channel is checked against its own schema; one without a schema is sent unchecked, and says so', async () => {
  const ref = { slug: 'device-commands', version: '1.0.0', channel: 'commands' };
  const topic = 'device/d-1/commands';
  assert.deepEqual(besidesPortal(await publish({ topic, payload: '{"name":"kitchen"}', schema: { ...ref, message: 'Rename' } })), {
    receiversBesidesPortal: 1,
    conforms: true,
  });
  await assert.rejects(publish({ topic, payload: '{"delay":5}', schema: { ...ref, message: 'Rename' } }), PayloadViolationError);
  assert.deepEqual(besidesPortal(await publish({ topic, payload: 'anything at all', schema: { ...ref, message: 'Note' } })), {
    receiversBesidesPortal: 1,
    unchecked: 'the message has no payload schema',
  });
  assert.deepEqual(await fixture.receivedBeforeMarker(), [
    { channel: topic, message: '{"name":"kitchen"}' },
    { channel: topic, message: 'anything at all' },
  ]);
});

test('the channel list is grouped by document without schemas; one channel comes with its parameters and templates', async () => {
  const documents = await fixture.publisher.listChannels();
  assert.deepEqual(
    documents.map((d) => d.title),
    ['Device Commands', 'E-commerce Order Events', 'Greenhouse Sensors', 'User Accounts'],
  );
  assert.deepEqual(
    documents.find((d) => d.slug === 'greenhouse-sensors')?.channels.map((c) => [c.address, c.parameters]),
    [
      ['greenhouse/{zone}/alert', ['zone']],
      ['greenhouse/{zone}/sensor/{sensorId}/reading', ['zone', 'sensorId']],
    ],
  );
  assert.ok(!JSON.stringify(documents).includes('"payload"'), 'no schemas in the list');

  const detail = await fixture.publisher.getChannel('greenhouse-sensors', '2.1.0', 'sensorReading');
  assert.deepEqual(
    detail.parameters.map((p) => [p.name, p.schema]),
    [
      ['zone', { type: 'string', description: 'The greenhouse zone.', enum: ['north', 'south', 'east', 'west'], default: 'north' }],
      ['sensorId', { type: 'string', description: "The sensor's id, printed on its case.", examples: ['th-0042'] }],
    ],
  );
  assert.equal(detail.messages[0]?.template.source, 'example');
  assert.equal((JSON.parse(detail.messages[0]?.template.text ?? '') as { sensorId?: string }).sensorId, 'th-0042');
  await assert.rejects(fixture.publisher.getChannel('greenhouse-sensors', '2.1.0', 'nope'), { name: 'NotFoundError' });
});
