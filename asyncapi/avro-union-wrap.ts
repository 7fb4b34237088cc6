import type { Type, types } from 'avsc';
import { MAX_AVRO_DEPTH } from './avro-names.ts';

/**
 * A JSON value in Avro's JSON encoding, each union value wrapped in its branch's name: the publish form takes a
 * union's value bare too (`"Ada"` for `["null", "string"]`), as the converted schema reads it, and avsc takes only
 * the encoding. A bare value goes in the first branch of its JSON kind; what fits none is left for avsc to refuse.
 * @example wrapUnions(Type.forSchema(['null', 'string']), 'Ada') // { string: 'Ada' }
 */
export function wrapUnions(type: Type, value: unknown, depth = 0): unknown {
  if (depth > MAX_AVRO_DEPTH) return value;
  if (isUnion(type)) return wrapBare(type, value, depth);
  if (value === null || typeof value !== 'object') return value;
  if (Array.isArray(value))
    return type.typeName === 'array' ? value.map((item) => wrapUnions((type as types.ArrayType).itemsType, item, depth + 1)) : value;
  const record = value as Record<string, unknown>;
  if (type.typeName === 'map') {
    const values = (type as types.MapType).valuesType as Type;
    return Object.fromEntries(Object.entries(record).map(([key, item]) => [key, wrapUnions(values, item, depth + 1)]));
  }
  if (type.typeName !== 'record' && type.typeName !== 'error') return value;
  const copy: Record<string, unknown> = { ...record };
  for (const field of (type as types.RecordType).fields)
    if (Object.hasOwn(record, field.name)) copy[field.name] = wrapUnions(field.type, record[field.name], depth + 1);
  return copy;
}

function isUnion(type: Type): boolean {
  return type.typeName.startsWith('union:');
}

function wrapBare(union: Type, value: unknown, depth: number): unknown {
  const branches = (union as types.UnwrappedUnionType).types;
  if (value === null) return null;
  if (typeof value === 'object' && !Array.isArray(value)) {
    const keys = Object.keys(value);
    const named = keys.length === 1 ? branches.find((branch) => branch.branchName === keys[0]) : undefined;
    if (named) return { [keys[0]!]: wrapUnions(named, (value as Record<string, unknown>)[keys[0]!], depth + 1) };
  }
  const branch = branches.find((candidate) => fits(candidate, value));
  return branch?.branchName === undefined ? value : { [branch.branchName]: wrapUnions(branch, value, depth + 1) };
}

/** Whether a bare JSON value is of a branch's kind. */
function fits(branch: Type, value: unknown): boolean {
  switch (branch.typeName) {
    case 'boolean':
      return typeof value === 'boolean';
    case 'int':
    case 'long':
    case 'abstract:long':
      return Number.isInteger(value);
    case 'float':
    case 'double':
      return typeof value === 'number';
    case 'string':
    case 'bytes':
      return typeof value === 'string';
    case 'enum':
      return typeof value === 'string' && (branch as types.EnumType).symbols.includes(value);
    case 'fixed':
      return typeof value === 'string' && value.length === (branch as types.FixedType).size;
    case 'array':
      return Array.isArray(value);
    case 'record':
    case 'error':
    case 'map':
      return value !== null && typeof value === 'object' && !Array.isArray(value);
    default:
      return false;
  }
}
