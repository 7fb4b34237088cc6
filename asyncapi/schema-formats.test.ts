import assert from 'node:assert/strict';
import { test } from 'node:test';
import { readExample } from '../testing/examples.ts';
import { DRAFT_2020_12 } from './json-schema-2020.ts';
import type { NormalisedMessage, ValidationResult } from './types.ts';
import { validateDocument } from './validate.ts';

type Valid = Extract<ValidationResult, { valid: true }>;

async function registered(path: string): Promise<Valid> {
  const result = await validateDocument(await readExample(`schema-formats/${path}`));
  assert.ok(result.valid, result.valid ? '' : result.error);
  return result;
}

function message(result: Valid, name: string): NormalisedMessage {
  const found = result.document.messages.find((m) => m.name === name);
  assert.ok(found, `message ${name} in ${result.document.messages.map((m) => m.name).join(', ')}`);
  return found;
}

const properties = (m: NormalisedMessage): unknown => (m.payload as { properties?: Record<string, unknown> }).properties;

test('an Avro payload, 3.x Multi Format Schema or 2.x schemaFormat, is read as JSON Schema with its Avro kept beside it', async () => {
  for (const [path, format] of [
    ['chat-avro-3.yaml', 'application/vnd.apache.avro+yaml;version=1.11.1'],
    ['chat-avro-2.yaml', 'application/vnd.apache.avro;version=1.9.0'],
  ] as const) {
    const chat = message(await registered(path), 'chatMessage');
    const payload = chat.payload as Record<string, unknown>;
    assert.equal(payload.type, 'object', path);
    assert.deepEqual((payload.properties as Record<string, unknown>).id, { type: 'string' }, path);
    assert.equal('fields' in payload || 'schemaFormat' in payload, false, `${path}: no Avro or wrapper left in the payload`);
    assert.equal(chat.payloadFormat?.schemaFormat, format);
    assert.equal(chat.payloadFormat?.supported, true);
    assert.equal((chat.payloadFormat?.original as { type?: string }).type, 'record', `${path}: the Avro record as written`);
    assert.ok(chat.payloadProperties.includes('text'), `${path}: ${chat.payloadProperties.join(', ')}`);
  }
  const avro3 = message(await registered('chat-avro-3.yaml'), 'chatMessage');
  assert.ok(avro3.payloadProperties.includes('username'), 'a field of the nested Avro record is searchable');
});

test('an OpenAPI 3.0 Schema Object payload is converted: nullable becomes a null type, example an examples list', async () => {
  for (const path of ['orders-openapi-3.yaml', 'orders-openapi-2.yaml']) {
    const shipped = message(await registered(path), 'orderShipped');
    assert.deepEqual((properties(shipped) as Record<string, unknown>).trackingCode, { type: ['string', 'null'] }, path);
    assert.match(shipped.payloadFormat?.schemaFormat ?? '', /^application\/vnd\.oai\.openapi/);
    assert.equal(
      (shipped.payloadFormat?.original as { properties: { trackingCode: { nullable: boolean } } }).properties.trackingCode.nullable,
      true,
    );
  }
});

test('JSON Schema draft-07 is the payload as written; 2020-12 keeps its $schema so it is checked as 2020-12', async () => {
  for (const path of ['chat-json-schema-3.yaml', 'chat-json-schema-2.yaml']) {
    const result = await registered(path);
    const chat = message(result, 'chatMessage');
    assert.equal(chat.payloadFormat, null, `${path}: draft-07 needs no conversion`);
    assert.deepEqual(Object.keys(properties(chat) as object), ['id', 'text', ...(path.includes('-3') ? ['fromUser'] : [])]);
    const edit = message(result, 'chatEdit');
    assert.equal((edit.payload as Record<string, unknown>).$schema, DRAFT_2020_12, path);
    assert.equal(edit.payloadFormat?.schemaFormat.endsWith('version=2020-12'), true);
    assert.deepEqual((edit.payload as Record<string, unknown>).dependentRequired, { editedText: ['editedBy'] });
  }
});

test('a format the portal does not read is a warning at its schemaFormat; the message has no payload schema', async () => {
  const result = await registered('unsupported-formats-3.yaml');
  const warnings = result.warnings.filter((w) => w.message.includes('is not one the portal reads'));
  assert.deepEqual(
    warnings.map((w) => [w.path, w.line, w.severity]),
    [
      ['channels.ramlEvents.messages.ramlEvent.payload.schemaFormat', 13, 'warning'],
      ['channels.protoEvents.messages.protoEvent.payload.schemaFormat', 24, 'warning'],
    ],
  );
  for (const [name, format] of [
    ['ramlEvent', 'application/raml+yaml;version=1.0'],
    ['protoEvent', 'application/vnd.google.protobuf;version=3'],
  ] as const) {
    const unread = message(result, name);
    assert.equal(unread.payload, null, name);
    assert.deepEqual(unread.payloadProperties, []);
    assert.deepEqual([unread.payloadFormat?.schemaFormat, unread.payloadFormat?.supported], [format, false]);
  }
  assert.equal(typeof message(result, 'protoEvent').payloadFormat?.original, 'string', 'the .proto text as written');
});

test('a 2.x message in a format the portal does not read is a warning at its schemaFormat, in the same words', async () => {
  const raw = (await readExample('schema-formats/chat-avro-2.yaml')).replace(
    'application/vnd.apache.avro;version=1.9.0',
    'application/x-custom',
  );
  const result = await validateDocument(raw);
  assert.ok(result.valid, result.valid ? '' : result.error);
  const warning = result.warnings.find((w) => w.path.endsWith('schemaFormat'));
  assert.match(warning?.message ?? '', /schemaFormat "application\/x-custom" is not one the portal reads/);
  assert.equal(warning?.line, 21);
  assert.equal(result.document.messages[0]?.payload, null);
});

test('an invalid Avro schema in a 3.x document is refused at the line of its definition, not of the $ref to it', async () => {
  const raw = (await readExample('schema-formats/chat-avro-3.yaml')).replace(
    '- name: text\n              type: string',
    '- name: text\n              type: strnig',
  );
  const result = await validateDocument(raw);
  assert.equal(result.valid, false);
  assert.ok(!result.valid);
  const [first] = result.diagnostics;
  assert.equal(first?.path, 'components.messages.chatMessage.payload.schema');
  assert.equal(first?.line, 29);
  assert.match(
    first?.message ?? '',
    /not a valid application\/vnd\.apache\.avro\+yaml;version=1\.11\.1 schema: undefined type name: im\.chat\.strnig/,
  );
});
