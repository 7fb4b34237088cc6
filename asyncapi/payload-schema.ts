import { Ajv, type ErrorObject, type Options, type ValidateFunction } from 'ajv';
import { Ajv2020 } from 'ajv/dist/2020.js';
import addFormatsPlugin from 'ajv-formats';
import { DRAFT_2020_12 } from './json-schema-2020.ts';
import { linearRegExp, UnsupportedPatternError } from './linear-pattern.ts';
import type { JsonSchema } from './types.ts';

/** One reason a payload does not match its schema: where (a JSON Pointer, '' for the root) and why. */
export interface PayloadIssue {
  path: string;
  message: string;
}

export type PayloadCheck =
  | { status: 'conforms' }
  | { status: 'violates'; errors: PayloadIssue[] }
  /** The schema could not be compiled (or there is none), so the payload was not checked. */
  | { status: 'unchecked'; reason: string };

/** Checks a payload, given as the text seen on the broker or typed in a form. */
export type PayloadChecker = (payloadText: string) => PayloadCheck;

/** At most this many issues are reported per payload: the first ones are what a user acts on. */
export const MAX_ISSUES = 5;

// AsyncAPI 2.x and 3.0 payload schemas are supersets of JSON Schema draft-07: unknown keywords such as
// `discriminator`, `externalDocs` or `x-*` are annotations, so strict mode is off. Patterns come from documents
// and run on broker traffic, so they run on a linear-time engine: native RegExp backtracks exponentially on `^(a+)+$`.
const OPTIONS: Options = { strict: false, allErrors: true, addUsedSchema: false, validateFormats: true, code: { regExp: linearRegExp } };
const ajv = new Ajv(OPTIONS);
// A payload written as JSON Schema 2020-12 keeps that `$schema` (see json-schema-2020.ts) and is compiled as 2020-12.
const ajv2020 = new Ajv2020(OPTIONS);
// ajv-formats ships CommonJS whose default export is the plugin; under ESM interop it may arrive wrapped.
const addFormats = (addFormatsPlugin as unknown as { default?: typeof addFormatsPlugin }).default ?? addFormatsPlugin;
addFormats(ajv);
addFormats(ajv2020);

export interface PayloadCheckerOptions {
  /**
   * Another reading of a payload the schema refuses, tried before calling it a violation: Avro's JSON encoding
   * wraps a union's value as `{"string": "x"}`, which the converted schema reads as `"x"` (see avro-json.ts).
   */
  reread?: (value: unknown) => unknown;
}

/**
 * Compiles a message's payload schema once into a checker for payload text. JSON text is parsed first;
 * text that is not JSON is checked as a string, so `type: string` payloads work too.
 * @example compilePayloadChecker({ type: 'object', required: ['id'] })('{}') // violates: must have required property 'id'
 */
export function compilePayloadChecker(schema: JsonSchema | null, options: PayloadCheckerOptions = {}): PayloadChecker {
  if (schema === null) return () => ({ status: 'unchecked', reason: 'the message has no payload schema' });
  let validate: ValidateFunction;
  try {
    validate = (isDraft2020(schema) ? ajv2020 : ajv).compile(withoutIdentity(schema));
  } catch (error) {
    const reason =
      error instanceof UnsupportedPatternError
        ? `the payload schema's ${error.message}`
        : `the payload schema cannot be compiled: ${(error as Error).message}`;
    return () => ({ status: 'unchecked', reason });
  }
  return (payloadText) => {
    const parsed = parseJson(payloadText);
    if (validate(parsed.ok ? parsed.value : payloadText)) return { status: 'conforms' };
    if (!parsed.ok) return { status: 'violates', errors: [{ path: '', message: `payload is not valid JSON (${parsed.error})` }] };
    const errors = describe(validate.errors ?? []);
    const reread = options.reread?.(parsed.value);
    if (reread === undefined || reread === parsed.value) return { status: 'violates', errors };
    // A payload read the other way is reported as read that way: its paths are those of the reading.
    return validate(reread) ? { status: 'conforms' } : { status: 'violates', errors: describe(validate.errors ?? []) };
  };
}

function isDraft2020(schema: JsonSchema): boolean {
  return typeof schema === 'object' && (schema.$schema === DRAFT_2020_12 || schema.$schema === `${DRAFT_2020_12}#`);
}

/**
 * The schema without its top-level `$id` and `$schema`: Ajv keeps every compiled `$id` in this shared
 * instance (two documents may reuse one), and AsyncAPI fixes the dialect whatever `$schema` says.
 */
function withoutIdentity(schema: JsonSchema): JsonSchema {
  if (typeof schema === 'boolean') return schema;
  const { $id: _id, $schema: _dialect, ...rest } = schema;
  return rest;
}

function parseJson(text: string): { ok: true; value: unknown } | { ok: false; error: string } {
  try {
    return { ok: true, value: JSON.parse(text) };
  } catch (error) {
    return { ok: false, error: (error as Error).message };
  }
}

function describe(errors: ErrorObject[]): PayloadIssue[] {
  return errors.slice(0, MAX_ISSUES).map((error) => ({ path: error.instancePath, message: explain(error) }));
}

function explain(error: ErrorObject): string {
  const params = error.params as Record<string, unknown>;
  if (error.keyword === 'enum' && Array.isArray(params.allowedValues)) {
    return `must be one of ${params.allowedValues.map((v) => JSON.stringify(v)).join(', ')}`;
  }
  if (error.keyword === 'additionalProperties' && typeof params.additionalProperty === 'string') {
    return `must not have property '${params.additionalProperty}'`;
  }
  return error.message ?? `fails ${error.keyword}`;
}
