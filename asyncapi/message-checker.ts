import { avroJsonReader } from './avro-json.ts';
import { uncheckedFormatReason } from './payload-format.ts';
import { compilePayloadChecker, type PayloadChecker } from './payload-schema.ts';
import type { JsonSchema, PayloadFormat } from './types.ts';

/** What checking a catalogued message's payloads needs of it. */
export interface CheckedMessage {
  payload: JsonSchema | null;
  /** Absent or null: the payload was written as JSON Schema. */
  payloadFormat?: PayloadFormat | null;
}

/**
 * Compiles the checker of a message's payloads, whatever format its schema was written in: against the JSON
 * Schema it was converted to, an Avro one also in Avro's JSON encoding; one in a format the portal does not
 * read is always `unchecked`, never `conforms`.
 * @example compileMessageChecker(message)('{"id":123,"text":false}').status // 'violates'
 */
export function compileMessageChecker(message: CheckedMessage): PayloadChecker {
  const format = message.payloadFormat;
  if (format && !format.supported) {
    const unchecked = { status: 'unchecked', reason: uncheckedFormatReason(format.schemaFormat) } as const;
    return () => unchecked;
  }
  const avro = format?.schemaFormat.startsWith('application/vnd.apache.avro') === true && format.original !== null;
  return compilePayloadChecker(message.payload, avro ? { reread: avroJsonReader(format.original) } : {});
}
