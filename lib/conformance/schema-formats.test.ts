import assert from 'node:assert/strict';
import { before, test } from 'node:test';
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
