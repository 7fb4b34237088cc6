/** The catalogued channel a link opens the publish form on. */
export interface PublishTarget {
  slug: string;
  version: string;
  /** The channel's key in the document. */
  channel: string;
}

/** Most patterns a /live link may ask to follow; the socket refuses any the server does not accept. */
export const MAX_LINKED_PATTERNS = 10;
/** Longer values in a link are ignored, not cut: a cut pattern follows other channels. */
const MAX_LINKED_LENGTH = 1_024;

const PARAMETER = /\{[^{}]+\}/g;
const GLOB_SPECIAL = /[*?[\]\\]/g;

/**
 * The Redis glob that matches every concrete channel of an address: each `{parameter}` becomes `*`, and the
 * glob's own special characters in the literal text are escaped, so they match only themselves.
 * @example addressGlob('greenhouse/{zone}/alert') // 'greenhouse/*\/alert'
 */
export function addressGlob(address: string): string {
  return address
    .split(PARAMETER)
    .map((literal) => literal.replace(GLOB_SPECIAL, (char) => `\\${char}`))
    .join('*');
}

/**
 * "Tail this channel": the live tail following the address as a glob (`/live?pattern=…`).
 * @example tailHref('greenhouse/{zone}/alert') // '/live?pattern=greenhouse%2F*%2Falert'
 */
export function tailHref(address: string): string {
  return `/live?${new URLSearchParams({ pattern: addressGlob(address) }).toString()}`;
}

/**
 * "Publish to this channel": the publish form with the channel chosen (`/publish?slug=…&version=…&channel=…`).
 * @example publishHref({ slug: 'greenhouse-sensors', version: '2.1.0', channel: 'zoneAlert' })
 */
export function publishHref(target: PublishTarget): string {
  return `/publish?${new URLSearchParams({ slug: target.slug, version: target.version, channel: target.channel }).toString()}`;
}

type SearchValue = string | string[] | undefined;

/** The patterns of a /live URL (`pattern`, repeatable), or null when it names none worth following. */
export function linkedPatterns(pattern: SearchValue): string[] | null {
  const values = (Array.isArray(pattern) ? pattern : [pattern]).filter(
    (value): value is string => typeof value === 'string' && value !== '' && value.length <= MAX_LINKED_LENGTH,
  );
  const patterns = [...new Set(values)].slice(0, MAX_LINKED_PATTERNS);
  return patterns.length > 0 ? patterns : null;
}

/** The channel a /publish URL asks for, or null unless it has one `slug`, `version` and `channel` each. */
export function linkedPublishTarget(query: { slug?: SearchValue; version?: SearchValue; channel?: SearchValue }): PublishTarget | null {
  const one = (value: SearchValue) => (typeof value === 'string' && value !== '' && value.length <= MAX_LINKED_LENGTH ? value : null);
  const slug = one(query.slug);
  const version = one(query.version);
  const channel = one(query.channel);
  return slug && version && channel ? { slug, version, channel } : null;
}
