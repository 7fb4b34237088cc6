/** One problem found while reading or validating a document, located in the raw text. */
export interface Diagnostic {
  severity: 'error' | 'warning' | 'info' | 'hint';
  message: string;
  /** JSON path into the document, e.g. `channels.orders/created.messages`; empty for the whole document. */
  path: string;
  /** 1-based line in the raw text, or null when the problem has no location. */
  line: number | null;
  /** 1-based column in the raw text, or null when the problem has no location. */
  column: number | null;
  /** Other paths the parser reached the same problem through, e.g. from each message using a component (at most 10). */
  alsoReachedThrough?: string[];
  /** Errors that only follow from this one, such as the `oneOf` its message then matches no branch of (at most 20 a level, 4 levels deep). */
  cascade?: Diagnostic[];
}

export type JsonSchema = Record<string, unknown> | boolean;

export interface NormalisedParameter {
  name: string;
  description: string | null;
  schema: JsonSchema | null;
}

export interface NormalisedServer {
  name: string;
  host: string;
  protocol: string;
  description: string | null;
}

export interface NormalisedChannel {
  /** The channel's id: its key under `channels` (3.x) or its address (2.x). */
  key: string;
  /** The address on the broker, possibly with `{parameters}`; null for 3.x channels without one. */
  address: string | null;
  description: string | null;
  parameters: NormalisedParameter[];
}

export interface NormalisedOperation {
  key: string;
  action: 'send' | 'receive';
  channelKey: string;
  summary: string | null;
  messageKeys: string[];
}

/**
 * The format a message's payload schema was written in, when it is not a JSON Schema the portal reads as it is
 * (an AsyncAPI schema or JSON Schema draft-07): Avro, an OpenAPI 3.0 schema, JSON Schema 2020-12, or a format
 * the portal does not read.
 */
export interface PayloadFormat {
  /** The `schemaFormat` as written, e.g. `application/vnd.apache.avro;version=1.9.0`. */
  schemaFormat: string;
  /** False for a format the portal does not read: the message then has no payload schema and its payloads are unchecked. */
  supported: boolean;
  /** The schema as written (Avro JSON, an OpenAPI Schema Object, …); null when its JSON is over 256 KiB. */
  original: unknown;
}

export interface NormalisedMessage {
  /** The message's id, unique within its channel. */
  key: string;
  channelKey: string;
  name: string | null;
  title: string | null;
  summary: string | null;
  contentType: string | null;
  /** The payload as JSON Schema: converted from its format when written in another (see `payloadFormat`). */
  payload: JsonSchema | null;
  /** Set when the payload was written in another format than JSON Schema; null otherwise. */
  payloadFormat: PayloadFormat | null;
  /** Example payloads, in document order. */
  examples: unknown[];
  /** Property names found anywhere in the payload schema, for search. */
  payloadProperties: string[];
}

export interface NormalisedDocument {
  asyncapiVersion: string;
  title: string;
  version: string;
  description: string | null;
  tags: string[];
  protocols: string[];
  servers: NormalisedServer[];
  channels: NormalisedChannel[];
  operations: NormalisedOperation[];
  messages: NormalisedMessage[];
}

export type ValidationResult =
  | {
      valid: true;
      document: NormalisedDocument;
      /** Non-error diagnostics, kept with the stored version. */
      warnings: Diagnostic[];
      format: 'yaml' | 'json';
      /** The whole document as plain JSON, `$ref`s resolved, for diffs between versions (see asyncapi/diff). */
      resolved: Record<string, unknown>;
    }
  | {
      valid: false;
      /** One sentence saying why the document was refused. */
      error: string;
      /** Every diagnostic, errors first, each with its line where known. */
      diagnostics: Diagnostic[];
    };
