import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, describe, test } from 'node:test';
import avro from 'avsc';
import { Redis } from 'ioredis';
import { readExample } from '../testing/examples.ts';
import { besidesPortal, startPublishing, type PublishingFixture } from '../testing/publishing.ts';
import { ConformanceChecker } from './conformance/checker.ts';
import { PayloadViolationError } from './errors.ts';
import { waitUntil } from '../testing/wait.ts';
import { errorResponse } from './http.ts';

const FIXTURES = [
  'chat-avro-3.yaml',
  'chat-avro-2.yaml',
  'orders-openapi-3.yaml',
  'orders-openapi-2.yaml',
  'chat-json-schema-3.yaml',
  'chat-json-schema-2.yaml',
  'unsupported-formats-3.yaml',
  'sensor-avro-binary-3.yaml',
];
const AVRO_CHAT = { slug: 'chat-rooms-avro', version: '1.0.0', channel: 'chatMessages', message: 'chatMessage' };
const RAML = { slug: 'unsupported-formats', version: '1.0.0', channel: 'ramlEvents', message: 'ramlEvent' };
const AVRO_BINARY = { slug: 'sensor-readings-avro-binary', version: '1.0.0', channel: 'readings', message: 'reading' };

describe('payloads in other schema formats, through the catalogue', () => {
  let fixture: PublishingFixture;
  before(async () => {
    fixture = await startPublishing();
    for (const path of FIXTURES) {
      const result = await fixture.catalogue.register(await readExample(`schema-formats/${path}`));
      assert.equal(result.status, 'created', path);
    }
  });
  after(() => fixture?.stop());

  test('a stored Avro message reads back with its JSON Schema payload and the Avro it was written in', async () => {
    const version = await fixture.catalogue.getVersion(AVRO_CHAT.slug, AVRO_CHAT.version);
    const [message] = version.channels.flatMap((c) => c.messages);
    assert.equal((message?.payload as { type?: string }).type, 'object');
    assert.equal(message?.payloadFormat?.schemaFormat, 'application/vnd.apache.avro+yaml;version=1.11.1');
    assert.equal((message?.payloadFormat?.original as { name?: string }).name, 'ChatMessage');
    const raml = await fixture.catalogue.getVersion(RAML.slug, RAML.version);
    assert.ok(raml.warnings.some((w) => w.line === 13 && /raml\+yaml;version=1\.0" is not one the portal reads/.test(w.message)));
  });

  test('search finds a field of an Avro record, an OpenAPI property and one inside a Multi Format Schema', async () => {
    const slugs = async (term: string): Promise<string[]> => (await fixture.catalogue.listDocuments(term)).map((d) => d.slug).sort();
    assert.deepEqual(await slugs('username'), ['chat-rooms-avro', 'chat-rooms-json-schema']);
    assert.deepEqual(await slugs('mood'), ['chat-rooms-avro-two']);
    assert.deepEqual(await slugs('trackingCode'), ['orders-openapi', 'orders-openapi-two']);
    assert.deepEqual(await slugs('fromUser'), ['chat-rooms-avro', 'chat-rooms-json-schema']);
  });

  test('removing a field of an Avro record with a minor bump is refused as breaking (409)', async () => {
    const raw = await readExample('schema-formats/chat-avro-3.yaml');
    const withoutText = raw
      .replace('version: 1.0.0', 'version: 1.1.0')
      .replace('            - name: text\n              type: string\n', '');
    assert.notEqual(withoutText, raw);
    await assert.rejects(fixture.catalogue.register(withoutText), (error: Error & { breakingChanges?: { description: string }[] }) => {
      assert.equal(error.name, 'BreakingChangesError');
      assert.equal(errorResponse(error).status, 409);
      assert.deepEqual(
        error.breakingChanges?.map((c) => c.description),
        ['chatMessage payload "text": property removed'],
      );
      return true;
    });
    const openapi = (await readExample('schema-formats/orders-openapi-2.yaml'))
      .replace('version: 1.0.0', 'version: 1.0.1')
      .replace('            trackingCode:\n              type: string\n              nullable: true\n', '');
    await assert.rejects(fixture.catalogue.register(openapi), { name: 'BreakingChangesError' });
  });

  test('publishing against an Avro message checks the payload; against an unread format it is sent unchecked', async () => {
    await assert.rejects(
      fixture.publisher.publish({ topic: 'rooms/r1/avro-chat', payload: '{"id":123,"text":false}', schema: AVRO_CHAT }),
      (error) => error instanceof PayloadViolationError && error.errors.some((e) => e.path === '/id'),
    );
    const channel = await fixture.publisher.getChannel(AVRO_CHAT.slug, AVRO_CHAT.version, AVRO_CHAT.channel);
    const template = channel.messages[0]?.template;
    assert.equal(template?.source, 'sample');
    assert.deepEqual(
      besidesPortal(await fixture.publisher.publish({ topic: 'rooms/r1/avro-chat', payload: template.text, schema: AVRO_CHAT })),
      {
        receiversBesidesPortal: 1,
        conforms: true,
      },
    );
    assert.deepEqual(
      besidesPortal(await fixture.publisher.publish({ topic: 'formats/raml', payload: '{"id":"anything"}', schema: RAML })),
      {
        receiversBesidesPortal: 1,
        unchecked: 'format application/raml+yaml;version=1.0 is not read by the portal',
      },
    );
  });

  test('the conformance index carries each format: live traffic is checked or marked unchecked with it', async () => {
    const checker = new ConformanceChecker();
    checker.load(await fixture.catalogue.indexedChannels());
    const inspect = (channel: string, payload: string) => checker.inspect(channel, Buffer.from(payload)).conformance;
    assert.equal(inspect('rooms/r1/avro-chat', '{"id":123,"text":false}').status, 'violates');
    assert.equal(inspect('orders/shipped-two', '{"orderId":"o1","trackingCode":null}').status, 'conforms');
    assert.deepEqual(
      [inspect('formats/protobuf', '{}').status, inspect('formats/protobuf', '{}').reason],
      ['unchecked', 'format application/vnd.google.protobuf;version=3 is not read by the portal'],
    );
  });

  test('publishing against a binary Avro message sends the typed Avro JSON encoded; a forced violation goes as typed', async () => {
    const topic = `sensors/${randomUUID()}/avro-readings`;
    const subscriber = new Redis(fixture.redisUrl);
    const received: Buffer[] = [];
    subscriber.on('messageBuffer', (_channel: Buffer, message: Buffer) => received.push(message));
    await subscriber.subscribe(topic);
    try {
      const version = await fixture.catalogue.getVersion(AVRO_BINARY.slug, AVRO_BINARY.version);
      const schema = version.channels[0]?.messages[0]?.payloadFormat?.original as Parameters<typeof avro.Type.forSchema>[0];
      const type = avro.Type.forSchema(schema);
      const reading = { sensorId: 's-9', takenAt: 1700000000000, celsius: 19, humidity: 0.25, location: null, tags: [] };
      const sent = await fixture.publisher.publish({ topic, payload: JSON.stringify(reading), schema: AVRO_BINARY });
      // Our subscriber and the fixture's.
      assert.deepEqual(besidesPortal(sent), {
        receiversBesidesPortal: 2,
        conforms: true,
        encoding: 'avro-binary',
        bytes: type.toBuffer(reading).length,
      });
      await assert.rejects(
        fixture.publisher.publish({ topic, payload: '{"sensorId":9}', schema: AVRO_BINARY }),
        (error) => error instanceof PayloadViolationError,
      );
      const forced = await fixture.publisher.publish({ topic, payload: '{"sensorId":9}', schema: AVRO_BINARY, force: true });
      assert.deepEqual(besidesPortal(forced), { receiversBesidesPortal: 2, conforms: false, forced: true });
      await waitUntil(() => received.length === 2, 'both sends');
      assert.deepEqual({ ...type.fromBuffer(received[0]!) }, reading, 'a union value typed bare is encoded in its branch');
      assert.equal(received[1]!.toString('utf8'), '{"sensorId":9}');

      const checker = new ConformanceChecker();
      checker.load(await fixture.catalogue.indexedChannels());
      assert.equal(checker.inspect(topic, received[0]!).conformance.status, 'conforms', 'what the portal sends, it reads back');
    } finally {
      subscriber.disconnect();
    }
  });
});
