import avro, { type Type } from 'avsc';
import { scanAvroBinary } from './avro-binary-scan.ts';
import { EXACT_LONG, exactLongJson } from './avro-exact-long.ts';
import { wrapUnions } from './avro-union-wrap.ts';
import { LruCache } from './lru-cache.ts';

/**
 * The largest binary Avro payload decoded, as decoding is synchronous on the bridge's event loop: 256 KiB of the
 * densest kind (an array of booleans, five JSON characters per byte) takes ~40 ms to scan, decode, write and check.
 */
export const MAX_AVRO_BINARY_BYTES = 256 * 1024;

/** What reading binary Avro gives: its Avro JSON encoding, why it is not a value of the schema, or why it was not read. */
export type AvroDecoding =
  { status: 'decoded'; text: string } | { status: 'invalid'; reason: string } | { status: 'undecoded'; reason: string };

/** Reads and writes one Avro schema's binary encoding. */
export interface AvroBinaryCodec {
  /** The schema's full name (`im.chat.ChatMessage`), or its type for an unnamed one (`array`). */
  name: string;
  /** Decodes exactly one value from `bytes` and gives its Avro JSON encoding; never throws. */
  decode(bytes: Uint8Array): AvroDecoding;
  /** Encodes JSON text in Avro's JSON encoding (a union's value may be bare); throws with avsc's reason when it cannot. */
  encode(json: string): Buffer;
}

// Compiled types by their schema's JSON: versions of a document mostly repeat their schemas.
const TYPES = new LruCache<string, Type>({ maxEntries: 256, maxWeight: 16 * 1024 * 1024 });

/**
 * The codec of an Avro schema as a document wrote it, or why avsc cannot compile it. Decoding scans the bytes first
 * (avro-binary-scan.ts), so a hostile payload costs time in proportion to its size, never avsc's trust in its counts.
 * @example (avroBinaryCodec({ type: 'array', items: 'int' }) as AvroBinaryCodec).decode(Buffer.from([2, 6, 0])) // { status: 'decoded', text: '[3]' }
 */
export function avroBinaryCodec(schema: unknown): AvroBinaryCodec | { error: string } {
  let type: Type;
  try {
    type = compiled(schema);
  } catch (error) {
    return { error: (error as Error).message };
  }
  return {
    name: type.name ?? type.typeName.split(':')[0]!,
    decode: (bytes) => decode(type, bytes),
    encode: (json) => type.toBuffer(type.fromString(JSON.stringify(wrapUnions(type, JSON.parse(json))))),
  };
}

function compiled(schema: unknown): Type {
  const key = JSON.stringify(schema);
  let type = TYPES.get(key);
  if (!type) {
    // A fresh registry each time: avsc adds the schema's named types to it.
    type = avro.Type.forSchema(schema as Parameters<typeof avro.Type.forSchema>[0], { registry: { long: EXACT_LONG } });
    TYPES.set(key, type, key.length);
  }
  return type;
}

function decode(type: Type, bytes: Uint8Array): AvroDecoding {
  if (bytes.length > MAX_AVRO_BINARY_BYTES)
    return { status: 'undecoded', reason: `it is ${bytes.length} bytes; binary Avro is decoded up to ${MAX_AVRO_BINARY_BYTES}` };
  const problem = scanAvroBinary(type, bytes);
  if (problem) return { status: problem.limit ? 'undecoded' : 'invalid', reason: problem.reason };
  try {
    const buffer = Buffer.isBuffer(bytes) ? bytes : Buffer.from(bytes.buffer, bytes.byteOffset, bytes.length);
    return { status: 'decoded', text: exactLongJson(type.toString(type.fromBuffer(buffer))) };
  } catch (error) {
    // Bytes the scan passed leave avsc nothing known to refuse; whatever it throws (a RangeError too) is the payload's.
    return { status: 'invalid', reason: (error as Error).message };
  }
}
