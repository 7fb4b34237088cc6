import assert from 'node:assert/strict';
import { before, test } from 'node:test';
import avro from 'avsc';
import { indexedExample } from '../../testing/indexed-example.ts';
import { ConformanceChecker } from './checker.ts';

let checker: ConformanceChecker;

before(async () => {
  checker = new ConformanceChecker();
  const examples = [
    'chat-avro-3.yaml',
    'chat-avro-2.yaml',
    'orders-openapi-3.yaml',
    'chat-json-schema-2.yaml',
    'unsupported-formats-3.yaml',
    'sensor-avro-binary-3.yaml',
  ];
  checker.load((await Promise.all(examples.map((path) => indexedExample(`schema-formats/${path}`)))).flat());
});

const inspect = (channel: string, payload: string) => checker.inspect(channel, Buffer.from(payload)).conformance;

test('live traffic on an Avro channel is checked through the converted schema, Avro JSON encoding included', () => {
  assert.equal(inspect('rooms/r1/avro-chat', '{"id":123,"text":false}').status, 'violates');
  const chat = { id: 'm1', text: 'hi', fromUser: { username: 'ada', displayName: { string: 'Ada' } }, sent: 1, mentions: [] };
  assert.equal(inspect('rooms/r1/avro-chat', JSON.stringify(chat)).status, 'conforms');
  assert.equal(inspect('rooms/r1/avro-chat-two', '{"id":"a","text":"b","mood":"SAD","tags":["x"]}').status, 'conforms');
  assert.equal(inspect('rooms/r1/avro-chat-two', '{"id":"a","text":"b","mood":"SAD","tags":[1]}').status, 'violates');
});

test('OpenAPI and JSON Schema 2020-12 payloads are checked too', () => {
  assert.equal(inspect('orders/shipped', '{"orderId":"o1","carrier":"dhl","trackingCode":null}').status, 'conforms');
  assert.equal(inspect('orders/shipped', '{"orderId":1}').status, 'violates');
  // The 2.x channel's oneOf: a chat message conforms; an edit without editedBy matches neither.
  assert.equal(inspect('rooms/r1/json-chat-two', '{"id":"a","text":"b"}').status, 'conforms');
  assert.equal(inspect('rooms/r1/json-chat-two', '{"messageId":"m1","editedText":"x"}').status, 'violates');
});

test('traffic on a channel whose payload format the portal does not read is unchecked with that format, never conforms', () => {
  for (const [channel, format] of [
    ['formats/raml', 'application/raml+yaml;version=1.0'],
    ['formats/protobuf', 'application/vnd.google.protobuf;version=3'],
  ] as const) {
    for (const payload of ['{"id":1}', '{}']) {
      const conformance = inspect(channel, payload);
      assert.equal(conformance.status, 'unchecked', channel);
      assert.equal(conformance.reason, `format ${format} is not read by the portal`);
    }
  }
});

test('binary Avro traffic is decoded with the Avro schema: its Avro JSON comes with the verdict, conforming or not', async () => {
  const [channel] = await indexedExample('schema-formats/sensor-avro-binary-3.yaml');
  const schema = channel?.messages[0]?.payloadFormat?.original as Parameters<typeof avro.Type.forSchema>[0];
  const type = avro.Type.forSchema(schema);
  const reading = { sensorId: 's-1', takenAt: 1700000000000, celsius: 21.5, humidity: null, location: null, tags: [] };
  const first = checker.inspect('sensors/s-1/avro-readings', type.toBuffer(reading));
  const second = checker.inspect('sensors/s-1/avro-readings', type.toBuffer({ ...reading, celsius: -3 }));
  assert.equal(first.conformance.status, 'conforms');
  assert.deepEqual(JSON.parse(first.decoded ?? ''), reading);
  assert.equal(
    (JSON.parse(second.decoded ?? '') as { celsius: number }).celsius,
    -3,
    'each message has its own decoding, not the first one kept',
  );
  assert.equal(second.conformance, first.conformance, 'the conforming verdict itself is still shared');

  const bad = checker.inspect('sensors/s-1/avro-readings', Buffer.from([0x02, 0x61]));
  assert.equal(bad.conformance.status, 'violates');
  assert.deepEqual(bad.conformance.errors, [
    { path: '', message: 'not valid Avro binary for iot.sensors.Reading: it ends inside a long (at byte 2 of 2)' },
  ]);
  assert.equal(bad.decoded, undefined);
  assert.equal(inspect('sensors/s-1/avro-readings', JSON.stringify(reading)).status, 'violates', 'JSON on a binary Avro channel');
});
