import type { JsonSchema } from './types.ts';

const PARSER_KEY = /^x-parser-/;
const SCHEMA_ID_KEY = 'x-parser-schema-id';

/**
 * A JSON-serialisable copy of a parsed value: functions and undefined dropped, and a reference back to
 * an enclosing object (a circular `$ref`) cut into a `$comment` naming the schema it pointed to. With
 * `stripParserKeys`, the parser's own `x-parser-*` annotations are left out.
 * @example toPlainJson(message.payload()?.json(), { stripParserKeys: true })
 */
export function toPlainJson(value: unknown, options: { stripParserKeys?: boolean } = {}): unknown {
  return copy(value, new Set(), options.stripParserKeys ?? false);
}

function copy(value: unknown, ancestors: Set<object>, strip: boolean): unknown {
  if (value === null || typeof value === 'string' || typeof value === 'boolean') return value;
  if (typeof value === 'number') return Number.isFinite(value) ? value : null;
  if (typeof value !== 'object') return undefined;
  if (value instanceof Date) return value.toISOString();
  if (ancestors.has(value)) return circularMarker(value);
  ancestors.add(value);
  try {
    if (Array.isArray(value)) return value.map((item) => copy(item, ancestors, strip) ?? null);
    const result: Record<string, unknown> = {};
    for (const [key, item] of Object.entries(value)) {
      if (strip && PARSER_KEY.test(key)) continue;
      const copied = copy(item, ancestors, strip);
      if (copied !== undefined) result[key] = copied;
    }
    return result;
  } finally {
    ancestors.delete(value);
  }
}

function circularMarker(value: object): Record<string, string> {
  const id = (value as Record<string, unknown>)[SCHEMA_ID_KEY];
  return { $comment: typeof id === 'string' ? `circular reference to ${id}` : 'circular reference' };
}

/** Narrows a copied value to a JSON Schema (an object or a boolean), or null. */
export function asJsonSchema(value: unknown): JsonSchema | null {
  if (typeof value === 'boolean') return value;
  return value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : null;
}

const NESTED_ONE = ['items', 'additionalProperties', 'not', 'contains'];
const NESTED_MANY = ['allOf', 'oneOf', 'anyOf', 'prefixItems'];
const NESTED_MAP = ['properties', 'patternProperties'];

/**
 * Every property name declared anywhere in a JSON Schema (properties, items, allOf/oneOf/anyOf, …),
 * each once, in document order. Expects plain, non-circular JSON as made by `toPlainJson`.
 * @example payloadPropertyNames({ properties: { items: { items: { properties: { sku: {} } } } } }) // ['items', 'sku']
 */
export function payloadPropertyNames(schema: unknown): string[] {
  const names = new Set<string>();
  const visit = (node: unknown): void => {
    if (node === null || typeof node !== 'object') return;
    if (Array.isArray(node)) return node.forEach(visit);
    const record = node as Record<string, unknown>;
    const properties = record.properties;
    if (properties && typeof properties === 'object' && !Array.isArray(properties)) {
      Object.keys(properties).forEach((name) => names.add(name));
    }
    NESTED_MAP.forEach((key) => Object.values(asRecord(record[key])).forEach(visit));
    [...NESTED_ONE, ...NESTED_MANY].forEach((key) => visit(record[key]));
  };
  visit(schema);
  return [...names];
}

function asRecord(value: unknown): Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : {};
}
