/**
 * Compatibility modes with Confluent Schema Registry's names and meanings, applied to a document's versions:
 *   BACKWARD — a new version must not break against the one before it (the portal's rule from the start): read from
 *              the old version to the new, no breaking change.
 *   FORWARD  — the one before must not break against the new version: payload schemas read from the new version back
 *              to the old, no breaking change (what BACKWARD checks, the other way round).
 *   FULL     — both.
 *   *_TRANSITIVE — the same against every earlier version, not only the latest.
 *   NONE     — nothing is checked.
 * Changes to channels, operations and servers (what `@asyncapi/diff` classifies) are checked from old to new in
 * every mode but NONE: a removed channel breaks its consumers whichever way payloads are read.
 */
export const COMPATIBILITY_MODES = [
  'BACKWARD',
  'BACKWARD_TRANSITIVE',
  'FORWARD',
  'FORWARD_TRANSITIVE',
  'FULL',
  'FULL_TRANSITIVE',
  'NONE',
] as const;

export type CompatibilityMode = (typeof COMPATIBILITY_MODES)[number];

/** Which way a breaking change was found: from the earlier version to the new one, or back. */
export type CompatibilityDirection = 'backward' | 'forward';

export const DEFAULT_COMPATIBILITY: CompatibilityMode = 'BACKWARD';

/** `GET`/`PUT /api/documents/:slug/compatibility`: the mode registrations of a document are checked under. */
export interface DocumentCompatibility {
  slug: string;
  mode: CompatibilityMode;
  /** `document` when set on the document, `default` when it follows the portal's `COMPATIBILITY`. */
  source: 'document' | 'default';
  /** The portal's `COMPATIBILITY`, which `{ "mode": null }` returns the document to. */
  defaultMode: CompatibilityMode;
  /** What the mode asks of a new version, in a sentence. */
  description: string;
}

export function isCompatibilityMode(value: unknown): value is CompatibilityMode {
  return typeof value === 'string' && (COMPATIBILITY_MODES as readonly string[]).includes(value);
}

/** Transitive modes check every earlier version, and a major version bump does not exempt a new version from them. */
export function isTransitive(mode: CompatibilityMode): boolean {
  return mode.endsWith('_TRANSITIVE');
}

/** The directions a mode reads payload schemas in; none for NONE. */
export function directionsOf(mode: CompatibilityMode): CompatibilityDirection[] {
  if (mode === 'NONE') return [];
  if (mode.startsWith('FULL')) return ['backward', 'forward'];
  return mode.startsWith('FORWARD') ? ['forward'] : ['backward'];
}

/** One line on what a mode asks of a new version, for the document page and refusals. */
export function describeCompatibility(mode: CompatibilityMode): string {
  const against = isTransitive(mode) ? 'every earlier version' : 'the latest version';
  switch (directionsOf(mode).join('+')) {
    case 'backward':
      return `a new version must not break against ${against}`;
    case 'forward':
      return `${against[0]!.toUpperCase()}${against.slice(1)} must not break against a new version (payload schemas read from the new version back)`;
    case 'backward+forward':
      return `a new version and ${against} must not break against each other`;
    default:
      return 'versions are not checked against each other';
  }
}
