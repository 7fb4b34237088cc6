import type { LifecycleStatus } from '../../asyncapi/lifecycle.ts';
import type { PayloadIssue } from '../../asyncapi/payload-schema.ts';

export type ConformanceStatus = 'conforms' | 'violates' | 'undocumented' | 'unchecked';

/** The catalogued channel a concrete channel matched, with the value of each address parameter. */
export interface CatalogueMatch {
  /** `status` is the version's lifecycle: traffic on a deprecated or retired version is flagged. */
  document: { slug: string; version: string; title: string; status: LifecycleStatus };
  channel: { key: string; address: string };
  params: Record<string, string>;
}

/**
 * How one live message compares with the catalogue, as a tail batch carries it: `ref` names the batch's
 * `catalogue` entry (the CatalogueMatch) shared by every message on the same concrete channel, so the
 * matched document and channel cross the wire once per batch rather than once per message. `message` is the
 * key of the message whose schema judged the payload; `errors` (the first few, each with a JSON Pointer) come
 * with `violates`; `reason` says why a catalogued message was `unchecked`.
 */
export interface TailConformance {
  status: ConformanceStatus;
  ref?: number;
  message?: string;
  errors?: PayloadIssue[];
  reason?: string;
}

/** A message's conformance with its match resolved: what the browser shows and the server's tests read. */
export interface Conformance extends Omit<TailConformance, 'ref'>, Partial<CatalogueMatch> {}

/** Joins a tail conformance with its batch's catalogue entry. */
export function resolveConformance(conformance: TailConformance, catalogue: Record<number, CatalogueMatch> | undefined): Conformance {
  const { ref, ...rest } = conformance;
  const match = ref === undefined ? undefined : catalogue?.[ref];
  return match ? { ...rest, document: match.document, channel: match.channel, params: match.params } : rest;
}
