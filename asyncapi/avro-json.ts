import {
  MAX_AVRO_DEPTH as MAX_DEPTH,
  NAMED,
  PRIMITIVES,
  fullName,
  isRecord,
  namedTypes,
  namespaceOf,
  resolve,
  type AvroNode,
  type Scope,
} from './avro-names.ts';

/**
 * Reads a payload in Avro's JSON encoding as the JSON Schema converted from its Avro schema expects it: the
 * encoding wraps a non-null union value in an object keyed by its branch's type (`{"string": "x"}`,
 * `{"im.chat.User": {...}}`), which the converted `oneOf` reads as the bare value. Anything else is kept.
 * @example avroJsonReader({ type: 'record', name: 'A', fields: [{ name: 'n', type: ['null', 'string'] }] })({ n: { string: 'x' } }) // { n: 'x' }
 */
export function avroJsonReader(schema: unknown): (value: unknown) => unknown {
  const named = namedTypes(schema);
  return (value) => read(schema, value, { named, namespace: '' }, 0);
}

function read(schema: unknown, value: unknown, scope: Scope, depth: number): unknown {
  if (depth > MAX_DEPTH) return value;
  if (typeof schema === 'string') {
    const found = PRIMITIVES.has(schema) ? undefined : resolve(schema, scope);
    return found ? read(found, value, scope, depth) : value;
  }
  if (Array.isArray(schema)) return readUnion(schema, value, scope, depth);
  if (!isRecord(schema)) return value;
  const inner = { ...scope, namespace: NAMED.has(String(schema.type)) ? namespaceOf(fullName(schema, scope.namespace)) : scope.namespace };
  if ((schema.type === 'record' || schema.type === 'error') && isRecord(value)) {
    // By the payload's keys, so a large record schema costs nothing per small value.
    const fields = fieldTypes(schema);
    const copy: Record<string, unknown> = { ...value };
    for (const [name, item] of Object.entries(value)) if (fields.has(name)) copy[name] = read(fields.get(name), item, inner, depth + 1);
    return copy;
  }
  if (schema.type === 'array' && Array.isArray(value)) return value.map((item) => read(schema.items, item, scope, depth + 1));
  if (schema.type === 'map' && isRecord(value))
    return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, read(schema.values, item, scope, depth + 1)]));
  return value;
}

const FIELD_TYPES = new WeakMap<AvroNode, Map<string, unknown>>();

function fieldTypes(record: AvroNode): Map<string, unknown> {
  let types = FIELD_TYPES.get(record);
  if (!types) {
    const fields = Array.isArray(record.fields) ? record.fields.filter(isRecord) : [];
    types = new Map(fields.filter((field) => typeof field.name === 'string').map((field) => [field.name as string, field.type]));
    FIELD_TYPES.set(record, types);
  }
  return types;
}

function readUnion(branches: unknown[], value: unknown, scope: Scope, depth: number): unknown {
  if (!isRecord(value)) return value;
  const keys = Object.keys(value);
  if (keys.length !== 1) return value;
  const [key] = keys as [string];
  const branch = branches.find((candidate) => branchNames(candidate, scope).includes(key));
  return branch === undefined ? value : read(branch, value[key], scope, depth + 1);
}

/** The names a union branch's value may be wrapped under: its type's full name (and its short name, leniently). */
function branchNames(branch: unknown, scope: Scope): string[] {
  if (typeof branch === 'string') {
    if (PRIMITIVES.has(branch)) return [branch];
    const found = resolve(branch, scope);
    return found ? [fullName(found, scope.namespace), String(found.name)] : [branch];
  }
  if (!isRecord(branch) || typeof branch.type !== 'string') return [];
  return NAMED.has(branch.type) ? [fullName(branch, scope.namespace), String(branch.name)] : [branch.type];
}
