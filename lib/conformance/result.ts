import type { PayloadIssue } from '../../asyncapi/payload-schema.ts';

export type ConformanceStatus = 'conforms' | 'violates' | 'undocumented' | 'unchecked';

/**
 * How one live message compares with the catalogue. `document`, `channel` and `params` are present when
 * its channel is catalogued; `errors` (the first few, each with a JSON Pointer) when it `violates`;
 * `reason` says why a catalogued message was `unchecked` (no payload schema, or one that does not compile).
 */
export interface Conformance {
  status: ConformanceStatus;
  document?: { slug: string; version: string; title: string };
  channel?: { key: string; address: string };
  params?: Record<string, string>;
  /** The key of the message whose schema the payload was judged against. */
  message?: string;
  errors?: PayloadIssue[];
  reason?: string;
}

export const UNDOCUMENTED: Conformance = Object.freeze({ status: 'undocumented' });

