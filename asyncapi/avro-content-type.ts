import type { PayloadFormat } from './types.ts';

// Avro's binary encoding, by the content types AsyncAPI documents give it.
const BINARY_AVRO = new Set(['avro/binary', 'application/vnd.apache.avro+binary', 'application/avro']);

/**
 * The content type, lower case and without parameters, when it names binary Avro; else null.
 * @example binaryAvroContentType('Avro/Binary; charset=binary') // 'avro/binary'
 */
export function binaryAvroContentType(contentType: string | null | undefined): string | null {
  const base = contentType?.split(';')[0]?.trim().toLowerCase();
  return base !== undefined && BINARY_AVRO.has(base) ? base : null;
}

/** Whether a `schemaFormat` is one of Avro's (`application/vnd.apache.avro[+json|+yaml];version=…`). */
export function isAvroFormat(format: PayloadFormat | null | undefined): format is PayloadFormat {
  return format?.schemaFormat.toLowerCase().startsWith('application/vnd.apache.avro') === true;
}

/**
 * Whether a message's payloads travel as binary Avro the portal reads and writes: a binary Avro content type over an
 * Avro schema kept as written. Browser-safe, for the publish form to say how it sends.
 */
export function isBinaryAvro(message: { contentType?: string | null; payloadFormat?: PayloadFormat | null }): boolean {
  return (
    binaryAvroContentType(message.contentType) !== null && isAvroFormat(message.payloadFormat) && message.payloadFormat.original !== null
  );
}
