import assert from 'node:assert/strict';
import { test } from 'node:test';
import { inlineNamedReferences, unionsAsAnyOf } from './avro-conversion.ts';
import { avroJsonReader } from './avro-json.ts';

const schema = {
  type: 'record',
  name: 'Order',
  namespace: 'shop',
  fields: [
    { name: 'note', type: ['null', 'string'] },
    { name: 'buyer', type: ['null', { type: 'record', name: 'Buyer', fields: [{ name: 'nick', type: ['null', 'string'] }] }] },
    { name: 'seller', type: ['null', 'Buyer'] },
    { name: 'lines', type: { type: 'array', items: { type: 'map', values: ['null', 'long'] } } },
  ],
};

test("Avro's JSON encoding of unions reads as bare values, named branches by full or short name", () => {
  const read = avroJsonReader(schema);
  assert.deepEqual(
    read({
      note: { string: 'hi' },
      buyer: { 'shop.Buyer': { nick: { string: 'ada' } } },
      seller: { Buyer: { nick: null } },
      lines: [{ qty: { long: 2 }, none: null }],
    }),
    { note: 'hi', buyer: { nick: 'ada' }, seller: { nick: null }, lines: [{ qty: 2, none: null }] },
  );
});

test('plain values, unknown branch names and keys outside the schema are kept as they are', () => {
  const read = avroJsonReader(schema);
  const plain = { note: 'hi', buyer: { nick: 'ada' }, extra: { string: 'x' }, lines: [] };
  assert.deepEqual(read(plain), plain);
  assert.deepEqual(read({ note: { int: 3 } }), { note: { int: 3 } });
  assert.equal(read('text'), 'text');
});

test('a payload nested deeper than the reader goes is kept as it is below that depth, without overflowing', () => {
  const list = { type: 'record', name: 'Node', fields: [{ name: 'next', type: ['null', 'Node'] }] };
  let value: unknown = null;
  for (let i = 0; i < 10_000; i++) value = { next: value === null ? null : { Node: value } };
  assert.doesNotThrow(() => avroJsonReader(list)(value));
});

test('named references are inlined where the converter cannot resolve them, but not inside their own definition', () => {
  const list = {
    type: 'record',
    name: 'Node',
    fields: [
      { name: 'next', type: ['null', 'Node'] },
      { name: 'peers', type: { type: 'array', items: 'Peer' } },
    ],
  };
  const peer = { type: 'record', name: 'Peer', fields: [{ name: 'id', type: 'string' }] };
  const inlined = inlineNamedReferences({
    type: 'record',
    name: 'Root',
    fields: [
      { name: 'peer', type: peer },
      { name: 'list', type: list },
    ],
  });
  const fields = (inlined as { fields: { type: unknown }[] }).fields;
  const listFields = (fields[1]?.type as { fields: { type: unknown }[] }).fields;
  assert.deepEqual(listFields[0]?.type, ['null', 'Node'], 'a recursive reference stays a name');
  assert.deepEqual((listFields[1]?.type as { items: unknown }).items, peer, 'an array of a named type gets its definition');
  assert.equal((list.fields[1]?.type as { items: unknown }).items, 'Peer', 'the schema given is not changed');
});

test('converted unions accept any branch that matches: oneOf becomes anyOf, shared parts once', () => {
  const shared = { oneOf: [{ type: 'integer' }, { type: 'integer' }] };
  const converted = unionsAsAnyOf({ properties: { a: shared, b: shared } }) as { properties: Record<string, unknown> };
  assert.deepEqual(converted.properties.a, { anyOf: [{ type: 'integer' }, { type: 'integer' }] });
  assert.equal(converted.properties.b, converted.properties.a);
});
