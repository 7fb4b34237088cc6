import { randomUUID } from 'node:crypto';
import avro from 'avsc';

const INT64_MIN = -(2n ** 63n);
const INT64_MAX = 2n ** 63n - 1n;

// A long past 2^53 is a BigInt, written to JSON as this marker and its digits, then unquoted (see `exactLongJson`).
// The nonce is per process, so a string on the broker cannot pose as a marked long.
const MARKER = `\u0000long:${randomUUID()}:`;
const MARKED = new RegExp(`"${JSON.stringify(MARKER).slice(1, -1).replaceAll('\\', '\\\\')}(-?\\d+)"`, 'g');

/**
 * Avro's long for avsc, exact over its whole 64-bit range: avsc's own throws on a long past 2^53 (a snowflake id,
 * a timestamp in nanoseconds). Values up to 2^53 are numbers, larger ones BigInts. Given to `Type.forSchema` as
 * `registry: { long: EXACT_LONG }`.
 */
export const EXACT_LONG = avro.types.LongType.__with({
  fromBuffer: (buf: Buffer): number | bigint => narrow(buf.readBigInt64LE(0)),
  toBuffer(value: number | bigint): Buffer {
    const buf = Buffer.alloc(8);
    buf.writeBigInt64LE(BigInt(value));
    return buf;
  },
  fromJSON: (json: unknown): number | bigint => (typeof json === 'bigint' ? narrow(json) : (json as number)),
  toJSON: (value: number | bigint): number | string => (typeof value === 'bigint' ? `${MARKER}${value}` : value),
  isValid: (value: unknown): boolean =>
    (typeof value === 'number' && Number.isSafeInteger(value)) || (typeof value === 'bigint' && value >= INT64_MIN && value <= INT64_MAX),
  compare: (a: number | bigint, b: number | bigint): number => (a < b ? -1 : a > b ? 1 : 0),
});

/**
 * JSON text written by avsc (`type.toString(value)`) with each long past 2^53 as its exact digits.
 * @example exactLongJson(type.toString(type.fromBuffer(buf))) // '{"id":1152921504606846977}'
 */
export function exactLongJson(text: string): string {
  return text.includes(MARKER.slice(1)) ? text.replace(MARKED, '$1') : text;
}

function narrow(n: bigint): number | bigint {
  return n >= BigInt(Number.MIN_SAFE_INTEGER) && n <= BigInt(Number.MAX_SAFE_INTEGER) ? Number(n) : n;
}
