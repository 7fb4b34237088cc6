type AvroNode = Record<string, unknown>;

const PRIMITIVES = new Set(['null', 'boolean', 'int', 'long', 'float', 'double', 'bytes', 'string']);
const NAMED = new Set(['record', 'error', 'enum', 'fixed']);
// Deeper payloads are read as they are: a JSON payload nests at most as deep as its text allows.
const MAX_DEPTH = 64;

interface Scope {
  /** Named types by full name, and by short name where that is not ambiguous. */
  named: Map<string, AvroNode>;
  namespace: string;
}

/**
 * Reads a payload in Avro's JSON encoding as the JSON Schema converted from its Avro schema expects it: the
 * encoding wraps a non-null union value in an object keyed by its branch's type (`{"string": "x"}`,
 * `{"im.chat.User": {...}}`), which the converted `oneOf` reads as the bare value. Anything else is kept.
 * @example avroJsonReader({ type: 'record', name: 'A', fields: [{ name: 'n', type: ['null', 'string'] }] })({ n: { string: 'x' } }) // { n: 'x' }
 */
export function avroJsonReader(schema: unknown): (value: unknown) => unknown {
  const named = new Map<string, AvroNode>();
  collectNamed(schema, '', named, 0);
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

function resolve(name: string, scope: Scope): AvroNode | undefined {
  return (scope.namespace && !name.includes('.') ? scope.named.get(`${scope.namespace}.${name}`) : undefined) ?? scope.named.get(name);
}

function collectNamed(schema: unknown, namespace: string, named: Map<string, AvroNode>, depth: number): void {
  if (depth > MAX_DEPTH) return;
  if (Array.isArray(schema)) return schema.forEach((branch) => collectNamed(branch, namespace, named, depth + 1));
  if (!isRecord(schema)) return;
  let inner = namespace;
  if (NAMED.has(String(schema.type)) && typeof schema.name === 'string') {
    const full = fullName(schema, namespace);
    named.set(full, schema);
    if (!named.has(schema.name)) named.set(schema.name, schema);
    inner = namespaceOf(full);
  }
  if (Array.isArray(schema.fields)) schema.fields.filter(isRecord).forEach((field) => collectNamed(field.type, inner, named, depth + 1));
  for (const key of ['items', 'values', 'type'] as const)
    if (typeof schema[key] === 'object') collectNamed(schema[key], inner, named, depth + 1);
}

function fullName(schema: AvroNode, enclosing: string): string {
  const name = String(schema.name);
  if (name.includes('.')) return name;
  const namespace = typeof schema.namespace === 'string' ? schema.namespace : enclosing;
  return namespace ? `${namespace}.${name}` : name;
}

function namespaceOf(full: string): string {
  const dot = full.lastIndexOf('.');
  return dot === -1 ? '' : full.slice(0, dot);
}

function isRecord(value: unknown): value is AvroNode {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}
