import assert from 'node:assert/strict';
import { test } from 'node:test';
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
