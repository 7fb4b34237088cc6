type SchemaObject = Record<string, unknown>;

/**
 * One schema object from a schema and the `allOf` parts beneath it: properties are merged (a property in
 * several parts keeps every part, as its own `allOf`), `required` is the union, other keywords are taken
 * from the first part that sets them. Good enough to build a sample, not a general schema algebra.
 * @example mergeAllOf({ allOf: [{ required: ['a'] }, { required: ['b'] }] }) // { required: ['a', 'b'] }
 */
export function mergeAllOf(schema: SchemaObject): SchemaObject {
  const { allOf, ...own } = schema;
  if (!Array.isArray(allOf)) return schema;
  return allOf.reduce<SchemaObject>((merged, part) => (isSchemaObject(part) ? mergeTwo(merged, mergeAllOf(part)) : merged), own);
}

/** `base` narrowed by one of its `oneOf`/`anyOf` branches, both merged as if by `allOf`. */
export function withBranch(base: SchemaObject, branch: SchemaObject): SchemaObject {
  return mergeAllOf({ allOf: [base, branch] });
}

function mergeTwo(a: SchemaObject, b: SchemaObject): SchemaObject {
  const result: SchemaObject = { ...b, ...a };
  const required = [...asStrings(a.required), ...asStrings(b.required)];
  if (required.length > 0) result.required = [...new Set(required)];
  const properties = mergeProperties(a.properties, b.properties);
  if (properties) result.properties = properties;
  return result;
}

function mergeProperties(a: unknown, b: unknown): SchemaObject | null {
  if (!isSchemaObject(a)) return isSchemaObject(b) ? b : null;
  if (!isSchemaObject(b)) return a;
  const result: SchemaObject = { ...a };
  for (const [name, schema] of Object.entries(b)) {
    result[name] = name in a ? { allOf: [a[name], schema] } : schema;
  }
  return result;
}

function asStrings(value: unknown): string[] {
  return Array.isArray(value) ? value.filter((item): item is string => typeof item === 'string') : [];
}

export function isSchemaObject(value: unknown): value is SchemaObject {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}
