import { MAX_AVRO_DEPTH, NAMED, PRIMITIVES, fullName, isRecord, namedTypes, namespaceOf, resolve, type Scope } from './avro-names.ts';

/** The most schema values inlining may produce; past it, references stay names (a type used many times nests). */
const MAX_INLINED = 50_000;

/**
 * The Avro schema handed to `@asyncapi/avro-schema-parser`'s converter, which resolves a reference to a named type
 * only as a record field's own type: in a union (`["null", "User"]`), an array's items or a map's values it becomes
 * `{}`. Each such reference is replaced by the type's definition, except inside that definition (a recursive
 * type), where it stays a name. The schema given is not changed.
 * @example inlineNamedReferences({ type: 'array', items: 'User' }) // items: the User record, when defined
 */
export function inlineNamedReferences(schema: unknown): unknown {
  const budget = { left: MAX_INLINED };
  return inline(schema, { named: namedTypes(schema), namespace: '' }, new Set(), 0, budget);
}

function inline(node: unknown, scope: Scope, defining: ReadonlySet<string>, depth: number, budget: { left: number }): unknown {
  if (depth > MAX_AVRO_DEPTH || --budget.left < 0) return node;
  if (typeof node === 'string') {
    const found = PRIMITIVES.has(node) ? undefined : resolve(node, scope);
    return found && !defining.has(fullName(found, scope.namespace)) ? inline(found, scope, defining, depth + 1, budget) : node;
  }
  if (Array.isArray(node)) return node.map((branch) => inline(branch, scope, defining, depth + 1, budget));
  if (!isRecord(node)) return node;
  let inner = scope;
  let within = defining;
  if (NAMED.has(String(node.type)) && typeof node.name === 'string') {
    const full = fullName(node, scope.namespace);
    inner = { ...scope, namespace: namespaceOf(full) };
    within = new Set([...defining, full]);
  }
  const copy: Record<string, unknown> = { ...node };
  if (Array.isArray(node.fields))
    copy.fields = (node.fields as unknown[]).map((field) =>
      isRecord(field) ? { ...field, type: inline(field.type, inner, within, depth + 1, budget) } : field,
    );
  for (const key of ['items', 'values'] as const) if (key in node) copy[key] = inline(node[key], inner, within, depth + 1, budget);
  if (typeof node.type === 'object') copy.type = inline(node.type, inner, within, depth + 1, budget);
  return copy;
}

/**
 * The converted schema with each union's `oneOf` read as `anyOf`: Avro branches are told apart by type, but their
 * JSON values can match several converted branches (`["int", "long"]`, `["string", "bytes"]`, `null` and an
 * unresolved `{}`), which `oneOf` refuses. Changes the converter's output in place; shared parts once.
 */
export function unionsAsAnyOf(schema: unknown, seen = new Set<object>()): unknown {
  if (schema === null || typeof schema !== 'object' || seen.has(schema)) return schema;
  seen.add(schema);
  if (Array.isArray(schema)) {
    schema.forEach((item) => unionsAsAnyOf(item, seen));
    return schema;
  }
  const record = schema as Record<string, unknown>;
  if (Array.isArray(record.oneOf) && record.anyOf === undefined) {
    record.anyOf = record.oneOf;
    delete record.oneOf;
  }
  Object.values(record).forEach((value) => unionsAsAnyOf(value, seen));
  return schema;
}
