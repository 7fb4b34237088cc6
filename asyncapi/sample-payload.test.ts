import assert from 'node:assert/strict';
import { readdir, readFile } from 'node:fs/promises';
import { test } from 'node:test';
import { generateLargeDocument } from './examples/generate-large.ts';
import { compilePayloadChecker } from './payload-schema.ts';
import { MAX_SAMPLE_DEPTH, samplePayload, samplePayloadText } from './sample-payload.ts';
import { readExample } from '../testing/examples.ts';
import type { JsonSchema, NormalisedDocument } from './types.ts';
import { validateDocument } from './validate.ts';

async function normalised(raw: string): Promise<NormalisedDocument> {
  const result = await validateDocument(raw);
  assert.ok(result.valid, result.valid ? '' : result.error);
  return result.document;
}

function assertConforms(schema: JsonSchema | null, what: string): void {
  const text = samplePayloadText(schema);
  const check = compilePayloadChecker(schema)(text);
  assert.equal(check.status, 'conforms', `${what}: ${text}\n${JSON.stringify(check)}`);
}

test('a value the schema gives wins: const, then examples, example, default, first enum value', () => {
  assert.equal(samplePayload({ type: 'string', const: 'fixed', examples: ['x'] }), 'fixed');
  assert.equal(samplePayload({ type: 'string', examples: ['DHL'], default: 'UPS' }), 'DHL');
  assert.equal(samplePayload({ type: 'string', example: 'legacy', default: 'UPS' }), 'legacy');
  assert.equal(samplePayload({ type: 'string', default: 'UPS', enum: ['UPS', 'DHL'] }), 'UPS');
  assert.equal(samplePayload({ type: 'string', enum: ['succeeded', 'failed'] }), 'succeeded');
});

test('strings follow their format and length limits', () => {
  const formats = ['date-time', 'date', 'time', 'email', 'uuid', 'uri', 'hostname', 'ipv4', 'ipv6', 'duration', 'uri-reference', 'byte'];
  for (const format of formats) assertConforms({ type: 'string', format }, format);
  assert.equal(samplePayload({ type: 'string', format: 'email' }), 'user@example.com');
  assert.equal(samplePayload({ type: 'string', minLength: 10 }), 'stringxxxx');
  assert.equal(samplePayload({ type: 'string', maxLength: 3 }), 'str');
  assert.equal(samplePayload({ type: 'string' }), 'string');
});

test('numbers respect minimum, maximum, exclusive bounds and multipleOf', () => {
  assert.equal(samplePayload({ type: 'integer', minimum: 1 }), 1);
  assert.equal(samplePayload({ type: 'number', minimum: 0, maximum: 100 }), 0);
  assert.equal(samplePayload({ type: 'number', maximum: -5 }), -5);
  assert.equal(samplePayload({ type: 'integer', exclusiveMinimum: 0 }), 1);
  assert.equal(samplePayload({ type: 'integer', minimum: 7, multipleOf: 5 }), 10);
  assert.equal(samplePayload({ type: 'number', minimum: 0.5, maximum: 0.9 }), 0.5);
  for (const schema of [
    { type: 'number', exclusiveMinimum: 2.5 },
    { type: 'number', exclusiveMaximum: -1 },
    { type: 'integer', minimum: 3, maximum: 4, multipleOf: 2 },
  ]) {
    assertConforms(schema, JSON.stringify(schema));
  }
});

test('objects get their required and declared properties in schema order, arrays one item', () => {
  const schema = {
    type: 'object',
    required: ['id', 'extra'],
    properties: {
      note: { type: 'string' },
      id: { type: 'integer' },
      tags: { type: 'array', items: { type: 'string' } },
      ok: { type: 'boolean' },
    },
    additionalProperties: { type: 'number' },
  };
  assert.deepEqual(samplePayload(schema), { note: 'string', id: 0, tags: ['string'], ok: true, extra: 0 });
  assert.deepEqual(samplePayload({ type: 'array', items: { type: 'integer' }, minItems: 3 }), [0, 0, 0]);
  assert.deepEqual(samplePayload({ type: 'array', items: { type: 'integer' }, maxItems: 0 }), []);
  assert.deepEqual(samplePayload({ type: 'array', prefixItems: [{ type: 'string' }, { type: 'integer' }] }), ['string', 0]);
});

test('allOf parts are merged; oneOf and anyOf take their first branch together with the rest of the schema', () => {
  const merged = {
    allOf: [
      { type: 'object', required: ['a'], properties: { a: { type: 'string' } } },
      { required: ['b'], properties: { b: { type: 'integer', minimum: 2 } } },
    ],
  };
  assert.deepEqual(samplePayload(merged), { a: 'string', b: 2 });
  const branched = {
    type: 'object',
    properties: { kind: { type: 'string' } },
    oneOf: [{ required: ['card'], properties: { card: { type: 'string', minLength: 12 } } }, { required: ['iban'] }],
  };
  assert.deepEqual(samplePayload(branched), { kind: 'string', card: 'stringxxxxxx' });
  assert.deepEqual(samplePayload({ anyOf: [{ type: 'null' }, { type: 'string' }] }), null);
  assertConforms(merged, 'allOf');
  assertConforms(branched, 'oneOf');
});

test('a circular reference cut is left out when optional and null when required, so the sample still validates', () => {
  const node = {
    type: 'object',
    required: ['label', 'parent'],
    properties: {
      label: { type: 'string' },
      parent: { $comment: 'circular reference to Node' },
      children: { type: 'array', items: { $comment: 'circular reference to Node' } },
      sibling: { $comment: 'circular reference to Node' },
    },
  };
  assert.deepEqual(samplePayload(node), { label: 'string', parent: null, children: [] });
  assertConforms(node, 'circular');
});

test('deep nesting stops at the depth limit, keeping what is required', () => {
  type Nested = { type: 'object'; required: string[]; properties: Record<string, unknown> };
  let schema: Nested = { type: 'object', required: [], properties: { leaf: { type: 'string' } } };
  for (let i = 0; i < MAX_SAMPLE_DEPTH * 3; i += 1)
    schema = { type: 'object', required: ['child'], properties: { child: schema, optional: { type: 'object', properties: {} } } };
  const text = samplePayloadText(schema);
  assert.equal(text.split('"child"').length - 1, MAX_SAMPLE_DEPTH * 3, 'every required level is present');
  assert.ok(text.split('"optional"').length - 1 < MAX_SAMPLE_DEPTH, `optional objects stop at depth ${MAX_SAMPLE_DEPTH}`);
  assertConforms(schema, 'deep');
});

test('no schema, or an empty one, gives null; the same schema always gives the same sample', () => {
  assert.equal(samplePayload(null), null);
  assert.equal(samplePayload({}), null);
  const schema = { type: 'object', properties: { at: { type: 'string', format: 'date-time' }, n: { type: 'number' } } };
  assert.equal(samplePayloadText(schema), samplePayloadText(schema));
});

test('the sample of every message of the seed examples validates against its schema', async () => {
  const files = (await readdir(new URL('./examples/', import.meta.url))).filter((f) => f.endsWith('.yaml'));
  const raws = await Promise.all([...files.map((f) => readExample(f)), readExample('versions/ecommerce-orders-1.1.0.yaml')]);
  raws.push(await readFile(new URL('./portal.yaml', import.meta.url), 'utf8'), generateLargeDocument(5));
  let checked = 0;
  for (const raw of raws) {
    const doc = await normalised(raw);
    for (const message of doc.messages) {
      assertConforms(message.payload, `${doc.title} ${message.key}`);
      checked += 1;
    }
  }
  assert.ok(checked >= 15, `checked ${checked} messages`);
});
