import type { Conformance, ConformanceStatus } from '../../lib/live/events.ts';

const BADGE_CLASS: Record<ConformanceStatus, string> = {
  conforms: 'badge badge--ok',
  violates: 'badge badge--error',
  undocumented: 'badge badge--warning',
  unchecked: 'badge',
};

/** The CSS classes of a conformance badge. */
export function badgeClassOf(status: ConformanceStatus): string {
  return BADGE_CLASS[status];
}

/** A payload location for people: the JSON Pointer, or "payload" for the root. */
export function pathLabel(path: string): string {
  return path === '' ? 'payload' : path;
}

/** One line about a message's conformance for its row, e.g. `/sensorId must be string (+1 more)`. */
export function conformanceSummary(conformance: Conformance): string {
  const [first, ...rest] = conformance.errors ?? [];
  if (conformance.status === 'violates' && first) {
    return `${pathLabel(first.path)} ${first.message}${rest.length > 0 ? ` (+${rest.length} more)` : ''}`;
  }
  if (conformance.status === 'conforms' && conformance.channel) return conformance.channel.address;
  if (conformance.status === 'unchecked') return conformance.reason ?? '';
  if (conformance.status === 'undocumented') return 'no catalogued channel matches';
  return '';
}
