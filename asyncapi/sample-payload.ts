import { sampleNumber, sampleString } from './sample-scalars.ts';
import { isSchemaObject, mergeAllOf, withBranch } from './schema-merge.ts';
import type { JsonSchema } from './types.ts';

type SchemaObject = Record<string, unknown>;

/** Below this many nested objects or arrays only what the schema requires is generated. */
export const MAX_SAMPLE_DEPTH = 8;
// Plain schemas are finite, but a generated one may nest required objects absurdly deep.
const HARD_DEPTH_LIMIT = MAX_SAMPLE_DEPTH * 8;

const OMIT = Symbol('omit');
type Sample = unknown;

/**
 * A deterministic sample value for a plain, dereferenced JSON Schema (as stored with a message): the
 * schema's own `const`, `examples`, `example`, `default` or first `enum` value when it has one, else a
 * value built from its type. Objects get their declared and required properties, arrays one item (or
 * `minItems`), `allOf` parts are merged, `oneOf`/`anyOf` take their first branch. A `$comment: circular
 * reference…` cut (see plain-json.ts) accepts anything: it is left out when optional, null when required.
 * @example samplePayload({ type: 'object', required: ['id'], properties: { id: { type: 'string', format: 'uuid' } } })
 * // { id: '3fa85f64-5717-4562-b3fc-2c963f66afa6' }
 */
export function samplePayload(schema: JsonSchema | null): unknown {
  const value = sample(schema ?? true, 0, true);
  return value === OMIT ? null : value;
}

/** The sample as indented JSON text, ready for a payload field. */
export function samplePayloadText(schema: JsonSchema | null): string {
  return JSON.stringify(samplePayload(schema), null, 2);
}

function sample(schema: unknown, depth: number, required: boolean): Sample {
  if (!isSchemaObject(schema)) return schema === false ? OMIT : null;
  const given = givenValue(schema);
  if (given.found) return given.value;
  if (isCircularCut(schema)) return required ? null : OMIT;
  const branches = schema.oneOf ?? schema.anyOf;
  if (Array.isArray(branches) && isSchemaObject(branches[0])) {
    const { oneOf: _oneOf, anyOf: _anyOf, ...rest } = schema;
    return sample(withBranch(rest, branches[0]), depth, required);
  }
  if (Array.isArray(schema.allOf)) return sample(mergeAllOf(schema), depth, required);
  return sampleOfType(schema, typeOf(schema), depth, required);
}

function givenValue(schema: SchemaObject): { found: true; value: unknown } | { found: false } {
  if ('const' in schema) return { found: true, value: schema.const };
  if (Array.isArray(schema.examples) && schema.examples.length > 0) return { found: true, value: schema.examples[0] };
  if ('example' in schema) return { found: true, value: schema.example };
  if ('default' in schema) return { found: true, value: schema.default };
  if (Array.isArray(schema.enum) && schema.enum.length > 0) return { found: true, value: schema.enum[0] };
  return { found: false };
}

function isCircularCut(schema: SchemaObject): boolean {
  return typeof schema.$comment === 'string' && schema.$comment.startsWith('circular reference') && Object.keys(schema).length === 1;
}

function typeOf(schema: SchemaObject): string | null {
  const types: unknown[] | null = Array.isArray(schema.type) ? schema.type : null;
  const declared: unknown = types ? (types.find((t) => t !== 'null') ?? types[0]) : schema.type;
  if (typeof declared === 'string') return declared;
  if (isSchemaObject(schema.properties) || Array.isArray(schema.required) || isSchemaObject(schema.additionalProperties)) return 'object';
  if ('items' in schema || Array.isArray(schema.prefixItems)) return 'array';
  if (['format', 'minLength', 'maxLength', 'pattern'].some((k) => k in schema)) return 'string';
  if (['minimum', 'maximum', 'exclusiveMinimum', 'exclusiveMaximum', 'multipleOf'].some((k) => k in schema)) return 'number';
  return null;
}

function sampleOfType(schema: SchemaObject, type: string | null, depth: number, required: boolean): Sample {
  switch (type) {
    case 'object':
    case 'array':
      if (depth >= MAX_SAMPLE_DEPTH && !required) return OMIT;
      if (depth >= HARD_DEPTH_LIMIT) return type === 'object' ? {} : [];
      return type === 'object' ? sampleObject(schema, depth) : sampleArray(schema, depth);
    case 'string':
      return sampleString(schema);
    case 'number':
      return sampleNumber(schema, false);
    case 'integer':
      return sampleNumber(schema, true);
    case 'boolean':
      return true;
    case null:
    default:
      return null;
  }
}

function sampleObject(schema: SchemaObject, depth: number): Record<string, unknown> {
  const properties = isSchemaObject(schema.properties) ? schema.properties : {};
  const required = new Set(Array.isArray(schema.required) ? schema.required.filter((n): n is string => typeof n === 'string') : []);
  const extra = isSchemaObject(schema.additionalProperties) ? schema.additionalProperties : {};
  const names = [...required, ...Object.keys(properties).filter((name) => !required.has(name))];
  const limit = typeof schema.maxProperties === 'number' ? Math.max(schema.maxProperties, required.size) : names.length;
  const result: Record<string, unknown> = {};
  for (const name of names.slice(0, limit)) {
    const isRequired = required.has(name);
    if (!isRequired && depth + 1 >= MAX_SAMPLE_DEPTH) continue;
    const value = sample(name in properties ? properties[name] : extra, depth + 1, isRequired);
    if (value !== OMIT) result[name] = value;
  }
  return orderLike(result, Object.keys(properties));
}

// Properties in the schema's order, which is how people read and write them, then undeclared required ones.
function orderLike(value: Record<string, unknown>, declared: string[]): Record<string, unknown> {
  const ordered: Record<string, unknown> = {};
  for (const name of declared) if (name in value) ordered[name] = value[name];
  for (const [name, item] of Object.entries(value)) if (!(name in ordered)) ordered[name] = item;
  return ordered;
}

function sampleArray(schema: SchemaObject, depth: number): unknown[] {
  const tuple: unknown[] | null = Array.isArray(schema.prefixItems)
    ? schema.prefixItems
    : Array.isArray(schema.items)
      ? schema.items
      : null;
  const rest = tuple ? (tuple === schema.items ? schema.additionalItems : schema.items) : schema.items;
  const min = typeof schema.minItems === 'number' ? schema.minItems : 0;
  const max = typeof schema.maxItems === 'number' ? schema.maxItems : Number.POSITIVE_INFINITY;
  const usual = depth + 1 >= MAX_SAMPLE_DEPTH ? 0 : tuple ? tuple.length : 1;
  const wanted = Math.min(max, Math.max(min, usual));
  const items: unknown[] = [];
  for (let index = 0; index < wanted; index += 1) {
    const itemSchema = tuple && index < tuple.length ? tuple[index] : (rest ?? true);
    const value = sample(itemSchema, depth + 1, index < min);
    if (value === OMIT) break;
    items.push(value);
  }
  return items;
}
