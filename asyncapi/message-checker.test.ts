import assert from 'node:assert/strict';
import { test } from 'node:test';
import avro from 'avsc';
import { readExample } from '../testing/examples.ts';
import { checkReceived, compileMessageChecker } from './message-checker.ts';
import { payloadTemplate } from './payload-template.ts';
import type { NormalisedMessage } from './types.ts';
import { validateDocument } from './validate.ts';

async function messageOf(path: string, name: string): Promise<NormalisedMessage> {
  const result = await validateDocument(await readExample(`schema-formats/${path}`));
  assert.ok(result.valid, result.valid ? '' : result.error);
  const found = result.document.messages.find((m) => m.name === name);
  assert.ok(found, name);
  return found;
}

const chat = (fields: Record<string, unknown> = {}): string =>
  JSON.stringify({ id: 'm1', text: 'hi', fromUser: { username: 'ada', displayName: null }, sent: 1700000000000, mentions: [], ...fields });

test('an Avro payload is checked through its converted schema, in 3.x and 2.x', async () => {
  const check = compileMessageChecker(await messageOf('chat-avro-3.yaml', 'chatMessage'));
  const wrong = check('{"id":123,"text":false}');
  assert.equal(wrong.status, 'violates');
  assert.ok(wrong.status === 'violates');
  assert.deepEqual(
    wrong.errors.map((e) => `${e.path} ${e.message}`),
    [
      " must have required property 'fromUser'",
      " must have required property 'sent'",
      " must have required property 'mentions'",
      '/id must be string',
      '/text must be string',
    ],
  );
  assert.equal(check(chat()).status, 'conforms');
  const two = compileMessageChecker(await messageOf('chat-avro-2.yaml', 'chatMessage'));
  assert.equal(two('{"id":"a","text":"b","mood":"HAPPY","tags":[]}').status, 'conforms');
  assert.equal(two('{"id":"a","text":"b","mood":"ANGRY","tags":[]}').status, 'violates', 'an Avro enum is a JSON Schema enum');
});

test('Avro\'s JSON encoding of a union value ({"string": "x"}) conforms as the bare value does; a wrong branch does not', async () => {
  const check = compileMessageChecker(await messageOf('chat-avro-3.yaml', 'chatMessage'));
  const encoded = chat({ fromUser: { username: 'ada', displayName: { string: 'Ada' } }, editedBy: { string: 'bob' } });
  assert.equal(check(encoded).status, 'conforms');
  const wrongBranch = check(chat({ editedBy: { int: 3 } }));
  assert.equal(wrongBranch.status, 'violates');
  const mentioned = chat({ mentions: [{ username: 'bob', displayName: { string: 'Bob' } }] });
  assert.equal(check(mentioned).status, 'conforms', 'a union inside a named type referred to by name');
});

test('an OpenAPI 3.0 payload is checked through its conversion: nullable allows null, enum holds', async () => {
  const check = compileMessageChecker(await messageOf('orders-openapi-3.yaml', 'orderShipped'));
  assert.equal(check('{"orderId":"o1","carrier":"ups","trackingCode":null}').status, 'conforms');
  assert.equal(check('{"orderId":"o1","carrier":"fedex"}').status, 'violates');
});

test('a JSON Schema 2020-12 payload is checked as 2020-12: dependentRequired is enforced', async () => {
  const check = compileMessageChecker(await messageOf('chat-json-schema-3.yaml', 'chatEdit'));
  assert.equal(check('{"messageId":"m1","editedText":"x","editedBy":"ada"}').status, 'conforms');
  const missing = check('{"messageId":"m1","editedText":"x"}');
  assert.equal(missing.status, 'violates', 'draft-07 would ignore dependentRequired');
  const draft07 = compileMessageChecker(await messageOf('chat-json-schema-3.yaml', 'chatMessage'));
  assert.equal(draft07('{"id":123,"text":false}').status, 'violates', 'the gitter-style Multi Format Schema is read inside');
});

test('a payload in a format the portal does not read is unchecked with that format, whatever it holds', async () => {
  for (const [name, format] of [
    ['ramlEvent', 'application/raml+yaml;version=1.0'],
    ['protoEvent', 'application/vnd.google.protobuf;version=3'],
  ] as const) {
    const check = compileMessageChecker(await messageOf('unsupported-formats-3.yaml', name));
    for (const payload of ['{"id":123}', 'not json', '{}'])
      assert.deepEqual(check(payload), { status: 'unchecked', reason: `format ${format} is not read by the portal` });
  }
});

test('the publish template of an Avro or OpenAPI message is a sample of its converted schema', async () => {
  const avro = payloadTemplate(await messageOf('chat-avro-3.yaml', 'chatMessage'));
  assert.equal(avro.source, 'sample');
  const sample = JSON.parse(avro.text) as Record<string, unknown>;
  assert.deepEqual(Object.keys(sample), ['id', 'text', 'fromUser', 'sent', 'mentions', 'editedBy', 'replyTo']);
  assert.equal(compileMessageChecker(await messageOf('chat-avro-3.yaml', 'chatMessage'))(avro.text).status, 'conforms');
  const openapi = payloadTemplate(await messageOf('orders-openapi-3.yaml', 'orderShipped'));
  assert.deepEqual(JSON.parse(openapi.text), { orderId: 'ord-1001', carrier: 'ups', trackingCode: 'string' });
});

const READING = {
  sensorId: 's-1',
  takenAt: 1700000000000,
  celsius: 21.5,
  humidity: 0.5,
  location: { lat: 52.5, lon: 13.4 },
  tags: ['roof'],
};

async function binaryReading(replace: (raw: string) => string = (raw) => raw): Promise<NormalisedMessage> {
  const result = await validateDocument(replace(await readExample('schema-formats/sensor-avro-binary-3.yaml')));
  assert.ok(result.valid, result.valid ? '' : result.error);
  const [message] = result.document.messages;
  assert.ok(message);
  return message;
}

/** A reading as its publisher writes it: avsc's binary encoding of the document's Avro schema. */
function readingBytes(message: NormalisedMessage, value: Record<string, unknown> = READING): Buffer {
  const schema = message.payloadFormat?.original as Parameters<typeof avro.Type.forSchema>[0];
  return avro.Type.forSchema(schema).toBuffer({ ...value, humidity: value.humidity ?? null, location: value.location ?? null });
}

test('binary Avro is decoded and checked; the check gives the Avro JSON it decoded to', async () => {
  const message = await binaryReading();
  const check = compileMessageChecker(message);
  const bytes = readingBytes(message);
  const received = checkReceived(check, bytes, bytes.toString('utf8'));
  assert.equal(received.status, 'conforms');
  assert.deepEqual(JSON.parse(received.decoded ?? ''), {
    ...READING,
    humidity: { float: 0.5 },
    location: { 'iot.sensors.Location': READING.location },
  });
  const truncated = checkReceived(check, bytes.subarray(0, 5), '');
  assert.deepEqual(truncated, {
    status: 'violates',
    errors: [{ path: '', message: 'not valid Avro binary for iot.sensors.Reading: it ends inside a long (at byte 5 of 5)' }],
  });
  const json = JSON.stringify(READING);
  assert.equal(checkReceived(check, Buffer.from(json), json).status, 'violates', 'JSON text on a binary channel is not its binary Avro');
  assert.equal(check(json).status, 'conforms', 'the publish form takes the payload in Avro JSON');
  assert.equal(check('{"sensorId":1}').status, 'violates');
});

test('binary Avro is known by its content type, any of three, its case and parameters ignored, or the default content type', async () => {
  const bytes = readingBytes(await binaryReading());
  for (const contentType of ['application/vnd.apache.avro+binary', 'application/avro', 'AVRO/Binary; charset=binary']) {
    const message = await binaryReading((raw) => raw.replace('contentType: avro/binary', `contentType: '${contentType}'`));
    assert.equal(checkReceived(compileMessageChecker(message), bytes, '').status, 'conforms', contentType);
  }
  const byDefault = await binaryReading((raw) =>
    raw.replace('      contentType: avro/binary\n', '').replace('asyncapi: 3.0.0\n', 'asyncapi: 3.0.0\ndefaultContentType: avro/binary\n'),
  );
  assert.equal(byDefault.contentType, 'avro/binary');
  assert.equal(checkReceived(compileMessageChecker(byDefault), bytes, '').status, 'conforms');
  const json = await binaryReading((raw) => raw.replace('contentType: avro/binary', 'contentType: application/json'));
  assert.equal(compileMessageChecker(json).avroBinary, undefined, 'an Avro schema sent as JSON is checked as Avro JSON text');
});

test('a binary Avro content type over a schema that is not Avro is unchecked, not a violation of the JSON it is not', async () => {
  const result = await validateDocument(
    'asyncapi: 3.0.0\ninfo: { title: T, version: 1.0.0 }\nchannels:\n  c:\n    messages:\n      m: { contentType: avro/binary, payload: { type: string } }\n',
  );
  assert.ok(result.valid, result.valid ? '' : result.error);
  const [binary] = result.document.messages;
  assert.ok(binary);
  assert.deepEqual(checkReceived(compileMessageChecker(binary), Buffer.from([2, 0x61]), '\u0002a'), {
    status: 'unchecked',
    reason: 'content type avro/binary: binary Avro is decoded only with an Avro payload schema',
  });
});

test('an Avro union or array of a named type is checked as that type; null and the record both fit ["null", "User"]', async () => {
  const check = compileMessageChecker(await messageOf('chat-avro-3.yaml', 'chatMessage'));
  assert.equal(check(chat({ replyTo: null })).status, 'conforms', 'null matched only the null branch, not an unresolved {}');
  assert.equal(check(chat({ replyTo: { username: 'bob', displayName: null } })).status, 'conforms');
  assert.equal(check(chat({ replyTo: { 'im.chat.User': { username: 'bob', displayName: null } } })).status, 'conforms');
  assert.equal(check(chat({ replyTo: { username: 7 } })).status, 'violates');
  assert.equal(check(chat({ mentions: [{ username: 7 }] })).status, 'violates', 'array items of a named type are that type');
});
