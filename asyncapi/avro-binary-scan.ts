import type { Type, types } from 'avsc';
import { MAX_AVRO_DEPTH } from './avro-names.ts';

/** The most array or map items that take no bytes (`null`, an empty record) one payload may hold. */
export const MAX_EMPTY_ITEMS = 10_000;

/** Why bytes are not one value of an Avro type; `limit` when they may be, but past what the portal decodes. */
export interface AvroScanProblem {
  reason: string;
  limit: boolean;
}

class ScanStop extends Error {
  constructor(
    message: string,
    readonly limit = false,
  ) {
    super(message);
  }
}

interface Cursor {
  bytes: Uint8Array;
  pos: number;
  emptyItems: number;
}

/**
 * Walks `bytes` as one value of `type` in Avro's binary encoding without building it, so that avsc, which trusts
 * the counts it reads, decodes only what fits: each length, count and index against the bytes left, at most
 * MAX_AVRO_DEPTH levels deep and MAX_EMPTY_ITEMS items of no width (a block of 2^53 nulls is 10 bytes). Its work
 * is bounded by the byte count plus those limits.
 * @example scanAvroBinary(Type.forSchema('string'), Buffer.from([0x06, 0x61])) // { reason: 'it ends inside a string …', limit: false }
 */
export function scanAvroBinary(type: Type, bytes: Uint8Array): AvroScanProblem | null {
  const at: Cursor = { bytes, pos: 0, emptyItems: 0 };
  try {
    value(type, at, 0);
  } catch (error) {
    if (error instanceof ScanStop) return { reason: error.message, limit: error.limit };
    throw error;
  }
  const left = bytes.length - at.pos;
  return left === 0 ? null : { reason: `${left} byte${left === 1 ? '' : 's'} follow the value (at byte ${at.pos})`, limit: false };
}

function value(type: Type, at: Cursor, depth: number): void {
  if (depth > MAX_AVRO_DEPTH) throw new ScanStop(`it nests deeper than ${MAX_AVRO_DEPTH} levels, more than the portal decodes`, true);
  switch (type.typeName) {
    case 'null':
      return;
    case 'boolean':
      return skip(at, 1, 'a boolean');
    case 'int':
      varint(at, 'an int');
      return;
    case 'long':
    case 'abstract:long':
      varint(at, 'a long');
      return;
    case 'float':
      return skip(at, 4, 'a float');
    case 'double':
      return skip(at, 8, 'a double');
    case 'string':
    case 'bytes':
      return skip(at, length(at, `a ${type.typeName}`), `a ${type.typeName}`);
    case 'fixed':
      return skip(at, (type as types.FixedType).size, `the fixed ${type.name}`);
    case 'enum':
      index(at, (type as types.EnumType).symbols.length, `the enum ${type.name}`, 'symbol');
      return;
    case 'union:unwrapped':
    case 'union:wrapped': {
      const branches = (type as types.UnwrappedUnionType).types;
      return value(branches[index(at, branches.length, 'a union', 'branch')]!, at, depth + 1);
    }
    case 'record':
    case 'error':
      for (const field of (type as types.RecordType).fields) value(field.type, at, depth + 1);
      return;
    case 'array':
      return blocks(at, 'an array', () => value((type as types.ArrayType).itemsType, at, depth + 1));
    case 'map':
      return blocks(at, 'a map', () => {
        skip(at, length(at, 'a map key'), 'a map key');
        value((type as types.MapType).valuesType as Type, at, depth + 1);
      });
    default:
      throw new ScanStop(`its type ${type.typeName} is not one the portal decodes`, true);
  }
}

/** An array's or a map's items, in blocks: a count, negative when a byte size follows it, and 0 after the last. */
function blocks(at: Cursor, what: string, item: () => void): void {
  for (;;) {
    let count = varint(at, `the block count of ${what}`);
    if (count === 0) return;
    let size: number | undefined;
    if (count < 0) {
      count = -count;
      size = length(at, `a block of ${what}`);
    }
    const start = at.pos;
    for (let i = 0; i < count; i++) {
      const before = at.pos;
      item();
      if (at.pos === before && ++at.emptyItems > MAX_EMPTY_ITEMS)
        throw new ScanStop(`a block of ${what} declares ${count} items that take no bytes; at most ${MAX_EMPTY_ITEMS} are read`);
    }
    if (size !== undefined && at.pos - start !== size)
      throw new ScanStop(`a block of ${what} declares ${size} bytes but holds ${at.pos - start} (at byte ${start})`);
  }
}

/** A zigzag varint, as a number (exact to 2^53, which is all a count, length or index needs). */
function varint(at: Cursor, what: string): number {
  let magnitude = 0;
  let scale = 1;
  const start = at.pos;
  for (let i = 0; i < 10; i++) {
    if (at.pos >= at.bytes.length) throw ends(at, what);
    const byte = at.bytes[at.pos++]!;
    magnitude += (byte & 0x7f) * scale;
    if (byte < 0x80) return magnitude % 2 === 1 ? -(magnitude + 1) / 2 : magnitude / 2;
    scale *= 128;
  }
  throw new ScanStop(`${what} at byte ${start} runs over 10 bytes`);
}

function length(at: Cursor, what: string): number {
  const start = at.pos;
  const n = varint(at, `the length of ${what}`);
  if (n < 0) throw new ScanStop(`${what} at byte ${start} has a negative length (${n})`);
  return n;
}

function index(at: Cursor, count: number, what: string, noun: string): number {
  const start = at.pos;
  const i = varint(at, `the index of ${what}`);
  if (i < 0 || i >= count)
    throw new ScanStop(`${what} at byte ${start} has ${noun} index ${i}, out of range for its ${count} ${plural(noun, count)}`);
  return i;
}

function plural(noun: string, count: number): string {
  if (count === 1) return noun;
  return noun.endsWith('h') ? `${noun}es` : `${noun}s`;
}

function skip(at: Cursor, n: number, what: string): void {
  if (n > at.bytes.length - at.pos) throw ends(at, what);
  at.pos += n;
}

function ends(at: Cursor, what: string): ScanStop {
  return new ScanStop(`it ends inside ${what} (at byte ${at.pos} of ${at.bytes.length})`);
}
