import { directionsOf, type CompatibilityDirection, type CompatibilityMode } from '../compatibility.ts';
import { payloadChanges } from './diff-versions.ts';
import type { Change, DiffSide } from './types.ts';

/** A change that breaks under a compatibility mode, and which way it was read. */
export interface DirectedChange extends Change {
  direction: CompatibilityDirection;
}

// Where the payload classifier reports (./types.ts): the normalised form's message payloads.
const PAYLOAD_CHANGE = /^\/channels\/[^/]+\/messages\/[^/]+\/payload(\/|$)/;

/**
 * The changes from an earlier version to a later one that break under `mode` (see ../compatibility.ts), given
 * `diff`, what `diffVersions(earlier, later)` found. Channels, operations and servers are read from old to new in
 * every mode but NONE; payload schemas in the mode's directions, FORWARD reading the later payloads back as the
 * earlier version's (`against`, named in each such change's description).
 * @example breakingUnderMode(diffVersions(earlier, later), earlier, later, { mode: 'FORWARD', against: '1.0.0' })
 */
export function breakingUnderMode(
  diff: readonly Change[],
  earlier: DiffSide,
  later: DiffSide,
  { mode, against }: { mode: CompatibilityMode; against: string },
): DirectedChange[] {
  const directions = directionsOf(mode);
  if (directions.length === 0) return [];
  const backward = diff.filter(isBreaking);
  const kept = directions.includes('backward') ? backward : backward.filter((change) => !PAYLOAD_CHANGE.test(change.path));
  const found: DirectedChange[] = kept.map((change) => ({ ...change, direction: 'backward' }));
  if (directions.includes('forward')) {
    // Payload schemas only, compared as the worker's diff compares them: no document is parsed.
    for (const change of payloadChanges(later, earlier, { openContent: true }).filter(isBreaking)) {
      found.push({ ...change, description: `Read from the new version back to ${against}: ${change.description}`, direction: 'forward' });
    }
  }
  return found;
}

const isBreaking = (change: Change): boolean => change.type === 'breaking';
