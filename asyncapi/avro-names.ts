/** An Avro schema object (record, enum, fixed, array, map or a primitive in object form). */
export type AvroNode = Record<string, unknown>;

export const PRIMITIVES = new Set(['null', 'boolean', 'int', 'long', 'float', 'double', 'bytes', 'string']);
export const NAMED = new Set(['record', 'error', 'enum', 'fixed']);
/** How deep the Avro helpers walk a schema or a value; deeper parts are left as they are. */
export const MAX_AVRO_DEPTH = 64;

/** Where a name is read: the named types of the schema, and the namespace that encloses it. */
export interface Scope {
  /** Named types by full name, and by short name where that is not ambiguous. */
  named: Map<string, AvroNode>;
  namespace: string;
}

/**
 * Every named type (record, enum, fixed) defined in an Avro schema, by full name and by short name.
 * @example namedTypes({ type: 'record', name: 'A', namespace: 'x', fields: [] }).has('x.A') // true
 */
export function namedTypes(schema: unknown): Map<string, AvroNode> {
  const named = new Map<string, AvroNode>();
  collect(schema, '', named, 0);
  return named;
}

function collect(schema: unknown, namespace: string, named: Map<string, AvroNode>, depth: number): void {
  if (depth > MAX_AVRO_DEPTH) return;
  if (Array.isArray(schema)) return schema.forEach((branch) => collect(branch, namespace, named, depth + 1));
  if (!isRecord(schema)) return;
  let inner = namespace;
  if (NAMED.has(String(schema.type)) && typeof schema.name === 'string') {
    const full = fullName(schema, namespace);
    named.set(full, schema);
    if (!named.has(schema.name)) named.set(schema.name, schema);
    inner = namespaceOf(full);
  }
  if (Array.isArray(schema.fields)) schema.fields.filter(isRecord).forEach((field) => collect(field.type, inner, named, depth + 1));
  for (const key of ['items', 'values', 'type'] as const)
    if (typeof schema[key] === 'object') collect(schema[key], inner, named, depth + 1);
}

/** The named type a name refers to where it is written: in the enclosing namespace first, then as written. */
export function resolve(name: string, scope: Scope): AvroNode | undefined {
  return (scope.namespace && !name.includes('.') ? scope.named.get(`${scope.namespace}.${name}`) : undefined) ?? scope.named.get(name);
}

export function fullName(schema: AvroNode, enclosing: string): string {
  const name = String(schema.name);
  if (name.includes('.')) return name;
  const namespace = typeof schema.namespace === 'string' ? schema.namespace : enclosing;
  return namespace ? `${namespace}.${name}` : name;
}

export function namespaceOf(full: string): string {
  const dot = full.lastIndexOf('.');
  return dot === -1 ? '' : full.slice(0, dot);
}

export function isRecord(value: unknown): value is AvroNode {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}
