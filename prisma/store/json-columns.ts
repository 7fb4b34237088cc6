import type { Change } from '../../asyncapi/diff/types.ts';
import { MAX_CASCADE, MAX_CASCADE_DEPTH, MAX_REACHED_THROUGH } from '../../asyncapi/limits.ts';
import type { Diagnostic, JsonSchema, NormalisedParameter, PayloadFormat } from '../../asyncapi/types.ts';
import type { Prisma } from '../generated/client.ts';
import { StoredValueError } from './errors.ts';

/**
 * Typed readers for the JSON columns: each checks the stored shape and names the bad value's place
 * (`Channel.parameters[2].name`) in a StoredValueError, so a row changed outside the portal fails
 * clearly instead of being cast and breaking a page far from here.
 */
type Check<T> = (value: unknown, at: string) => T;

function refuse(at: string, expected: string, value: unknown): never {
  const kind = value === null ? 'null' : Array.isArray(value) ? 'array' : typeof value;
  const found = kind === 'null' ? kind : /^[aeiou]/.test(kind) ? `an ${kind}` : `a ${kind}`;
  throw new StoredValueError(at, expected, found);
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

const string: Check<string> = (value, at) => (typeof value === 'string' ? value : refuse(at, 'a string', value));

// JSON drops undefined, so an absent nullable field reads as null.
const nullable =
  <T>(check: Check<T>): Check<T | null> =>
  (value, at) =>
    value === null || value === undefined ? null : check(value, at);

const nullableNumber = nullable<number>((value, at) => (typeof value === 'number' ? value : refuse(at, 'a number', value)));

const oneOf =
  <T extends string>(values: readonly T[]): Check<T> =>
  (value, at) =>
    values.find((known) => known === value) ?? refuse(at, `one of ${values.join(', ')}`, value);

const arrayOf =
  <T>(check: Check<T>): Check<T[]> =>
  (value, at) =>
    Array.isArray(value) ? value.map((item: unknown, index) => check(item, `${at}[${index}]`)) : refuse(at, 'an array', value);

/** At most the first `max` items: a bound the writer keeps, read back without trusting the row to keep it. */
const firstOf =
  <T>(max: number, check: Check<T>): Check<T[]> =>
  (value, at) =>
    arrayOf(check)(Array.isArray(value) ? value.slice(0, max) : value, at);

/** The fields of a stored object, each read with its check at `at.key`. */
function fieldsOf(value: unknown, at: string): <T>(key: string, check: Check<T>) => T {
  const record = isRecord(value) ? value : refuse(at, 'an object', value);
  return (key, check) => check(record[key], `${at}.${key}`);
}

const jsonSchema: Check<JsonSchema> = (value, at) =>
  typeof value === 'boolean' || isRecord(value) ? value : refuse(at, 'a JSON schema (an object or a boolean)', value);

const parameter: Check<NormalisedParameter> = (value, at) => {
  const field = fieldsOf(value, at);
  return {
    name: field('name', string),
    description: field('description', nullable(string)),
    schema: field('schema', nullable(jsonSchema)),
  };
};

/** A stored diagnostic with its optional lists, each bounded as asyncapi/diagnostics.ts writes them. */
const diagnosticAt =
  (depth: number): Check<Diagnostic> =>
  (value, at) => {
    const field = fieldsOf(value, at);
    const diagnostic: Diagnostic = {
      severity: field('severity', oneOf(['error', 'warning', 'info', 'hint'] as const)),
      message: field('message', string),
      path: field('path', string),
      line: field('line', nullableNumber),
      column: field('column', nullableNumber),
    };
    const reachedThrough = field('alsoReachedThrough', nullable(firstOf(MAX_REACHED_THROUGH, string)));
    if (reachedThrough !== null && reachedThrough.length > 0) diagnostic.alsoReachedThrough = reachedThrough;
    const cascade = depth < MAX_CASCADE_DEPTH ? field('cascade', nullable(firstOf(MAX_CASCADE, diagnosticAt(depth + 1)))) : null;
    if (cascade !== null && cascade.length > 0) diagnostic.cascade = cascade;
    return diagnostic;
  };

const change: Check<Change> = (value, at) => {
  const field = fieldsOf(value, at);
  return {
    type: field('type', oneOf(['breaking', 'non-breaking', 'unclassified'] as const)),
    kind: field('kind', oneOf(['add', 'remove', 'edit'] as const)),
    path: field('path', string),
    description: field('description', string),
  };
};

/** A payload (or parameter) schema: an object or a boolean, or null when there is none. Its content is not checked. */
export function readJsonSchema(value: Prisma.JsonValue | null, at = 'Message.payload'): JsonSchema | null {
  return nullable(jsonSchema)(value, at);
}

const payloadFormat: Check<PayloadFormat> = (value, at) => {
  const field = fieldsOf(value, at);
  return {
    schemaFormat: field('schemaFormat', string),
    supported: field('supported', (flag, where) => (typeof flag === 'boolean' ? flag : refuse(where, 'a boolean', flag))),
    original: field('original', (original) => original ?? null),
  };
};

/** `Message.payloadFormat`: the format a payload was written in and the schema as written, or null for JSON Schema. */
export function readPayloadFormat(value: Prisma.JsonValue | null): PayloadFormat | null {
  return nullable(payloadFormat)(value, 'Message.payloadFormat');
}

/** `Channel.parameters`: the address parameters with their schemas. */
export function readParameters(value: Prisma.JsonValue): NormalisedParameter[] {
  return arrayOf(parameter)(value, 'Channel.parameters');
}

/** `DocumentVersion.warnings`: the non-error diagnostics of a registration. */
export function readDiagnostics(value: Prisma.JsonValue): Diagnostic[] {
  return arrayOf(diagnosticAt(0))(value, 'DocumentVersion.warnings');
}

/** `DocumentVersion.overriddenChanges`: the breaking changes a forced registration overrode. */
export function readChanges(value: Prisma.JsonValue): Change[] {
  return arrayOf(change)(value, 'DocumentVersion.overriddenChanges');
}

/** `Message.examples`: example payloads, any JSON each. */
export function readExamples(value: Prisma.JsonValue): unknown[] {
  return arrayOf((item) => item)(value, 'Message.examples');
}

/**
 * A value for a JSON column. Prisma sends what `toJSON` returns, so the domain's interfaces, which lack the
 * index signature of `Prisma.InputJsonValue`, are written as they are, without a cast.
 */
export function jsonColumn(value: object | boolean): Prisma.InputJsonValue {
  return { toJSON: () => value };
}

/** `AuditEvent.detail`: what the action changed, a JSON object whose fields depend on the action (lib/audit/types.ts). */
export function readAuditDetail(value: Prisma.JsonValue): Record<string, Prisma.JsonValue> {
  return isRecord(value) ? (value as Record<string, Prisma.JsonValue>) : refuse('AuditEvent.detail', 'an object', value);
}
