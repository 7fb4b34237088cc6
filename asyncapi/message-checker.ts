import { avroBinaryCodec, type AvroBinaryCodec } from './avro-binary.ts';
import { binaryAvroContentType, isAvroFormat } from './avro-content-type.ts';
import { avroJsonReader } from './avro-json.ts';
import { uncheckedFormatReason } from './payload-format.ts';
import { compilePayloadChecker, type PayloadCheck, type PayloadChecker } from './payload-schema.ts';
import type { JsonSchema, PayloadFormat } from './types.ts';

/** What checking a catalogued message's payloads needs of it. */
export interface CheckedMessage {
  payload: JsonSchema | null;
  /** Absent or null: the payload was written as JSON Schema. */
  payloadFormat?: PayloadFormat | null;
  contentType?: string | null;
}

/**
 * Checks a message's payloads given as text (typed in a form, or broker bytes read as UTF-8). For a message in binary
 * Avro, the text is its Avro JSON encoding, and `avroBinary` reads and writes the bytes.
 */
export type MessageChecker = PayloadChecker & { readonly avroBinary?: AvroBinaryCodec };

/** A payload's check as received on the broker; for binary Avro that decoded, also the Avro JSON it was read as. */
export type ReceivedCheck = PayloadCheck & { decoded?: string };

/**
 * Compiles the checker of a message's payloads, whatever format its schema was written in: against the JSON
 * Schema it was converted to, an Avro one also in Avro's JSON encoding; one in a format the portal does not
 * read is always `unchecked`, never `conforms` (nor a false `violates`). A binary Avro content type with an Avro
 * schema gives the checker its codec; with another schema, or an Avro one too large to keep, it is `unchecked`.
 * @example compileMessageChecker(message)('{"id":123,"text":false}').status // 'violates'
 */
export function compileMessageChecker(message: CheckedMessage): MessageChecker {
  const format = message.payloadFormat;
  if (format && !format.supported) return always(uncheckedFormatReason(format.schemaFormat));
  // undefined: the schema is not Avro; null: it is, but too large to have been kept as written.
  const avro = isAvroFormat(format) ? format.original : undefined;
  const binary = binaryAvroContentType(message.contentType);
  if (binary && avro === undefined) return always(`content type ${binary}: binary Avro is decoded only with an Avro payload schema`);
  if (binary && avro === null) return always(`content type ${binary}: the Avro schema is too large to keep, so binary Avro is not decoded`);
  const check = compilePayloadChecker(message.payload, avro !== undefined && avro !== null ? { reread: avroJsonReader(avro) } : {});
  if (!binary) return check;
  const codec = avroBinaryCodec(avro);
  if ('error' in codec) return always(`content type ${binary}: avsc cannot compile the Avro schema (${codec.error})`);
  return Object.assign(check, { avroBinary: codec });
}

/**
 * Checks a payload as it came from the broker: as its UTF-8 `text`, or for binary Avro by decoding its bytes and
 * checking the Avro JSON they decode to; bytes that are no value of the schema violate it.
 * @example checkReceived(checker, payload, payload.toString('utf8')).decoded // '{"id":"m1",…}' for binary Avro
 */
export function checkReceived(checker: MessageChecker, payload: Uint8Array, text: string): ReceivedCheck {
  const codec = checker.avroBinary;
  if (!codec) return checker(text);
  const decoding = codec.decode(payload);
  if (decoding.status === 'undecoded') return { status: 'unchecked', reason: `binary Avro not decoded: ${decoding.reason}` };
  if (decoding.status === 'invalid')
    return { status: 'violates', errors: [{ path: '', message: `not valid Avro binary for ${codec.name}: ${decoding.reason}` }] };
  return { ...checker(decoding.text), decoded: decoding.text };
}

function always(reason: string): PayloadChecker {
  const unchecked = { status: 'unchecked', reason } as const;
  return () => unchecked;
}
