import { avroJsonReader } from './avro-json.ts';
import { uncheckedFormatReason } from './payload-format.ts';
import { compilePayloadChecker, type PayloadChecker } from './payload-schema.ts';
import type { JsonSchema, PayloadFormat } from './types.ts';

/** What checking a catalogued message's payloads needs of it. */
export interface CheckedMessage {
  payload: JsonSchema | null;
  /** Absent or null: the payload was written as JSON Schema. */
  payloadFormat?: PayloadFormat | null;
  contentType?: string | null;
}

// Avro's binary encoding, by the content types AsyncAPI documents give it; the portal does not decode it.
const BINARY_AVRO = new Set(['avro/binary', 'application/vnd.apache.avro+binary', 'application/avro']);

/**
 * Compiles the checker of a message's payloads, whatever format its schema was written in: against the JSON
 * Schema it was converted to, an Avro one also in Avro's JSON encoding; one in a format the portal does not
 * read, or in binary Avro, is always `unchecked`, never `conforms` (nor a false `violates`).
 * @example compileMessageChecker(message)('{"id":123,"text":false}').status // 'violates'
 */
export function compileMessageChecker(message: CheckedMessage): PayloadChecker {
  const format = message.payloadFormat;
  if (format && !format.supported) return always(uncheckedFormatReason(format.schemaFormat));
  const contentType = message.contentType?.split(';')[0]?.trim().toLowerCase();
  if (contentType && BINARY_AVRO.has(contentType)) return always(`content type ${contentType}: binary Avro is not decoded by the portal`);
  const avro = format?.schemaFormat.startsWith('application/vnd.apache.avro') === true && format.original !== null;
  return compilePayloadChecker(message.payload, avro ? { reread: avroJsonReader(format.original) } : {});
}

function always(reason: string): PayloadChecker {
  const unchecked = { status: 'unchecked', reason } as const;
  return () => unchecked;
}
