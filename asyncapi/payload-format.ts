import type { MessageInterface } from '@asyncapi/parser';
import { asJsonSchema, toPlainJson } from './plain-json.ts';
import type { JsonSchema, PayloadFormat } from './types.ts';

/** The most JSON text of an original schema kept beside its conversion; a larger one is left out (`original: null`). */
export const MAX_ORIGINAL_CHARS = 256 * 1024;

const ORIGINAL_PAYLOAD = 'x-parser-original-payload';

/** Whether the portal reads a `schemaFormat`: the parse worker's parser has a schema parser for it. */
export type SchemaFormatReader = (schemaFormat: string) => boolean;

/**
 * Why a payload in a format the portal does not read goes unchecked, as publish and live conformance say it.
 * @example uncheckedFormatReason('application/raml+yaml;version=1.0') // 'format application/raml+yaml;version=1.0 is not read by the portal'
 */
export function uncheckedFormatReason(schemaFormat: string): string {
  return `format ${schemaFormat} is not read by the portal`;
}

/** The warning for a payload written in a format the portal does not read. */
export function unsupportedFormatMessage(schemaFormat: string): string {
  return (
    `The payload's schemaFormat "${schemaFormat}" is not one the portal reads (Avro 1.8–1.11, OpenAPI 3.0, JSON Schema draft-07 ` +
    `or 2020-12, AsyncAPI): the document is registered, but its payloads are unchecked, unsearched and not compared between versions.`
  );
}

/**
 * A message's payload as the catalogue keeps it: the JSON Schema every feature reads (converted by the schema
 * parser of its format) and, when it was written in another format, that format and the schema as written.
 * A 3.x Multi Format Schema (`{ schemaFormat, schema }`) is unwrapped; a format the portal does not read has no
 * payload schema.
 * @example readMessagePayload(message, (format) => parser.parserRegistry.has(format)).payload
 */
export function readMessagePayload(
  message: MessageInterface,
  reads: SchemaFormatReader,
): { payload: JsonSchema | null; payloadFormat: PayloadFormat | null } {
  const schema = message.payload();
  if (!schema) return { payload: null, payloadFormat: null };
  const json: unknown = schema.json();
  const wrapper = isMultiFormatSchema(json) ? json : null;
  const written: unknown = wrapper ? wrapper.schema : json;
  // A Multi Format Schema without a `schemaFormat` is read in the document's own format, as the parser reads it.
  const schemaFormat = wrapper ? wrapperFormat(wrapper, message) : schema.schemaFormat();
  if (!reads(schemaFormat)) return { payload: null, payloadFormat: { schemaFormat, supported: false, original: bounded(written) } };
  const payload = asJsonSchema(toPlainJson(written, { stripParserKeys: true }));
  // The parser keeps the schema as written only when its format's parser converted it.
  const original = wrapper ? wrapper[ORIGINAL_PAYLOAD] : message.json<Record<string, unknown>>()[ORIGINAL_PAYLOAD];
  return { payload, payloadFormat: original === undefined ? null : { schemaFormat, supported: true, original: bounded(original) } };
}

/**
 * Whether a 3.x payload is a Multi Format Schema: the parser's models take one whose `schema` is an object
 * (models/v3/schema.js); a `schema` given as text (Protobuf, RAML) with a `schemaFormat` is one too.
 */
export function isMultiFormatSchema(json: unknown): json is Record<string, unknown> {
  if (json === null || typeof json !== 'object' || Array.isArray(json)) return false;
  const { schema, schemaFormat } = json as Record<string, unknown>;
  return (schema !== null && typeof schema === 'object') || (typeof schema === 'string' && typeof schemaFormat === 'string');
}

// One without a `schemaFormat` is read in the document's own format, as the parser reads it.
function wrapperFormat(wrapper: Record<string, unknown>, message: MessageInterface): string {
  const written = wrapper.schemaFormat;
  return typeof written === 'string' ? written : `application/vnd.aai.asyncapi;version=${message.meta().asyncapi.semver.version}`;
}

function bounded(original: unknown): unknown {
  const plain = toPlainJson(original, { stripParserKeys: true }) ?? null;
  return JSON.stringify(plain).length <= MAX_ORIGINAL_CHARS ? plain : null;
}
