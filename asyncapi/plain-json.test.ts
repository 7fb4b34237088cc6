import assert from 'node:assert/strict';
import { test } from 'node:test';
import { asJsonSchema, payloadPropertyNames, toPlainJson } from './plain-json.ts';

test('copies JSON, dropping undefined, functions and (on request) x-parser-* keys', () => {
  const value = { a: 1, b: undefined, c: () => 1, 'x-parser-schema-id': 'S', d: [1, undefined, Number.NaN], e: new Date(0) };
  assert.deepEqual(toPlainJson(value, { stripParserKeys: true }), { a: 1, d: [1, null, null], e: '1970-01-01T00:00:00.000Z' });
  assert.deepEqual(toPlainJson({ 'x-parser-schema-id': 'S' }), { 'x-parser-schema-id': 'S' });
});

test('cuts only true cycles, keeping shared subtrees', () => {
  const shared = { type: 'string' };
  const node: Record<string, unknown> = { 'x-parser-schema-id': 'Node', left: shared, right: shared };
  node.self = node;
  assert.deepEqual(toPlainJson(node, { stripParserKeys: true }), {
    left: { type: 'string' },
    right: { type: 'string' },
    self: { $comment: 'circular reference to Node' },
  });
});

test('collects property names through properties, items and combinators, once each', () => {
  const schema = {
    properties: { id: {}, items: { type: 'array', items: { properties: { sku: {}, id: {} } } } },
    allOf: [{ properties: { a: {} } }],
    oneOf: [{ properties: { b: {} } }],
    anyOf: [{ items: [{ properties: { c: {} } }] }],
  };
  assert.deepEqual(payloadPropertyNames(schema), ['id', 'items', 'sku', 'a', 'b', 'c']);
  assert.deepEqual(payloadPropertyNames(true), []);
  assert.deepEqual(payloadPropertyNames(null), []);
});

test('narrows to a JSON Schema', () => {
  assert.equal(asJsonSchema(true), true);
  assert.deepEqual(asJsonSchema({ type: 'string' }), { type: 'string' });
  assert.equal(asJsonSchema([1]), null);
  assert.equal(asJsonSchema(undefined), null);
});
