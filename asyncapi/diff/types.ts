import type { JsonSchema, PayloadFormat } from '../types.ts';

export type ChangeType = 'breaking' | 'non-breaking' | 'unclassified';
export type ChangeKind = 'add' | 'remove' | 'edit';

/** One difference between two versions of a document, and what it means for the people who use it. */
export interface Change {
  type: ChangeType;
  kind: ChangeKind;
  /**
   * A JSON Pointer to where the change is in the resolved document. Payload changes point into the catalogue's
   * normalised form, `/channels/<channel key>/messages/<message key>/payload/...`, which in 3.x is the document's
   * own layout, e.g. `/channels/orderCreated/messages/OrderCreated/payload/properties/sku`.
   */
  path: string;
  description: string;
}

export interface ChangeSummary {
  breaking: number;
  nonBreaking: number;
  unclassified: number;
}

/** A message's payload schema, keyed as the catalogue keys it: by channel and message. */
export interface DiffMessage {
  channelKey: string;
  key: string;
  name: string | null;
  payload: JsonSchema | null;
  /** The format the payload was written in, when not JSON Schema; absent or null for JSON Schema. */
  payloadFormat?: PayloadFormat | null;
}

/** What one version contributes to a diff. */
export interface DiffSide {
  /** The whole document as plain JSON with its `$ref`s resolved (see `resolvedDocumentJson`). */
  resolved: Record<string, unknown>;
  messages: DiffMessage[];
}
