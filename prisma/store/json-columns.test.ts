import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Diagnostic } from '../../asyncapi/types.ts';
import type { Prisma } from '../generated/client.ts';
import { StoredValueError } from './errors.ts';
import {
  jsonColumn,
  readChanges,
  readDiagnostics,
  readExamples,
  readJsonSchema,
  readParameters,
  readPayloadFormat,
} from './json-columns.ts';

/** Asserts that reading fails with a StoredValueError whose message matches. */
function refused(read: () => unknown, message: RegExp): void {
  assert.throws(read, (error: unknown) => {
    assert.ok(error instanceof StoredValueError);
    assert.match(error.message, message);
    return true;
  });
}

test('well-formed stored values read as their types', () => {
  const parameter = { name: 'zone', description: null, schema: { type: 'string' } };
  assert.deepEqual(readParameters([parameter]), [parameter]);
  assert.deepEqual(readParameters([{ name: 'zone' }]), [{ name: 'zone', description: null, schema: null }]);
  const warning = { severity: 'warning', message: 'no servers', path: '', line: null, column: null };
  assert.deepEqual(readDiagnostics([warning]), [warning]);
  const change = { type: 'breaking', kind: 'remove', path: '/channels/a', description: 'Removed channels › a' };
  assert.deepEqual(readChanges([change]), [change]);
  assert.deepEqual(readExamples([{ a: 1 }, 'text', 3]), [{ a: 1 }, 'text', 3]);
  assert.deepEqual(readJsonSchema({ type: 'object' }), { type: 'object' });
  assert.equal(readJsonSchema(true), true);
  assert.equal(readJsonSchema(null), null);
});

test('a malformed stored value is refused with where it is and what it should be, not cast', () => {
  refused(() => readParameters({ zone: 'string' }), /Channel\.parameters should be an array but is an object/);
  refused(() => readParameters([{ name: 'zone' }, { name: 7 }]), /Channel\.parameters\[1\]\.name should be a string but is a number/);
  refused(() => readParameters([{ name: 'zone', schema: 'string' }]), /Channel\.parameters\[0\]\.schema should be a JSON schema/);
  refused(
    () => readDiagnostics([{ severity: 'fatal', message: 'm', path: '' }]),
    /warnings\[0\]\.severity should be one of error, warning/,
  );
  refused(() => readChanges([null]), /overriddenChanges\[0\] should be an object but is null/);
  refused(() => readExamples('{"a":1}'), /Message\.examples should be an array but is a string/);
  refused(
    () => readJsonSchema([{ type: 'object' }]),
    /Message\.payload should be a JSON schema \(an object or a boolean\) but is an array/,
  );
});

test('a JSON column value is written as it is', () => {
  const warnings = [{ severity: 'warning', message: 'm', path: '', line: 1, column: null }];
  assert.equal(JSON.stringify(jsonColumn(warnings)), JSON.stringify(warnings));
});

test('a stored payload format reads back as written; a malformed one is refused', () => {
  const avro = {
    schemaFormat: 'application/vnd.apache.avro;version=1.9.0',
    supported: true,
    original: { type: 'record', name: 'A', fields: [] },
  };
  assert.deepEqual(readPayloadFormat(avro), avro);
  assert.deepEqual(readPayloadFormat({ schemaFormat: 'application/raml+yaml;version=1.0', supported: false }), {
    schemaFormat: 'application/raml+yaml;version=1.0',
    supported: false,
    original: null,
  });
  assert.equal(readPayloadFormat(null), null);
  refused(
    () => readPayloadFormat({ schemaFormat: 'x', supported: 'yes' }),
    /Message\.payloadFormat\.supported should be a boolean but is a string/,
  );
});

test('a stored diagnostic keeps the paths it was also reached through and its cascade, within their bounds', () => {
  const folded = { severity: 'error', message: 'no oneOf branch', path: 'channels.a', line: 2, column: 3 };
  const error = { ...folded, message: 'wrong type', alsoReachedThrough: ['channels.b.type'], cascade: [folded] };
  assert.deepEqual(readDiagnostics([error]), [error]);
  const [long] = readDiagnostics([
    { ...folded, alsoReachedThrough: Array.from({ length: 30 }, (_, i) => `p${i}`), cascade: Array.from({ length: 30 }, () => folded) },
  ]);
  assert.deepEqual([long?.alsoReachedThrough?.length, long?.cascade?.length], [10, 20]);
  const nested = Array.from({ length: 8 }).reduce<Prisma.JsonObject>((inner) => ({ ...folded, cascade: [inner] }), folded);
  const depth = (d: Diagnostic | undefined): number => (d?.cascade ? 1 + depth(d.cascade[0]) : 0);
  assert.equal(depth(readDiagnostics([nested])[0]), 4);
  refused(() => readDiagnostics([{ ...folded, alsoReachedThrough: [7] }]), /warnings\[0\]\.alsoReachedThrough\[0\] should be a string/);
  refused(
    () => readDiagnostics([{ ...folded, cascade: [{ severity: 'error' }] }]),
    /warnings\[0\]\.cascade\[0\]\.message should be a string/,
  );
});
