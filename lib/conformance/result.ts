import type { CatalogueMatch, TailConformance } from '../common/conformance.ts';

/** A catalogue match with the number tail conformances refer to it by. */
export interface NumberedMatch extends CatalogueMatch {
  ref: number;
}

/** What inspecting one broker message yields: its conformance and, when catalogued, its match. */
export interface InspectedMessage {
  conformance: TailConformance;
  match: NumberedMatch | null;
  /** A binary Avro payload's Avro JSON encoding, when its message's schema decoded it (see message-checker.ts). */
  decoded?: string;
}

export const UNDOCUMENTED: TailConformance = Object.freeze({ status: 'undocumented' });
