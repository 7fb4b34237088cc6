import { isIP } from 'node:net';
import { canonicalAddress, isDigits, type TrustedProxies } from './trusted-proxies.ts';

/** The most of an X-Forwarded-For header read, from its right end: the part our own proxies wrote. */
export const MAX_FORWARDED_FOR_CHARS = 4096;
/** The most hops walked from the right before giving up on finding the client. */
export const MAX_FORWARDED_HOPS = 32;

/**
 * The address a request comes from: the connection's, unless that is a trusted proxy, in which case X-Forwarded-For
 * is walked from the right, past trusted proxies, to the first address that is not one (each proxy appends the
 * address it was connected from, so only the entries right of that one are vouched for; the left ones are whatever
 * the client sent). A malformed entry on the way, or a walk that runs out of header, gives the connection's address.
 * Addresses come back canonical (see `canonicalAddress`); undefined when the connection has none (it closed).
 * @example forwardedClient('10.0.0.2', '198.51.100.7, 10.0.0.3', proxies) // '198.51.100.7' with 10.0.0.0/8 trusted
 */
export function forwardedClient(
  peer: string | undefined,
  forwardedFor: string | string[] | undefined,
  trusted: TrustedProxies,
): string | undefined {
  const connection = peer === undefined ? undefined : (canonicalAddress(peer) ?? peer);
  if (connection === undefined || forwardedFor === undefined || !trusted.has(connection)) return connection;
  const { hops, complete } = forwardedHops(Array.isArray(forwardedFor) ? forwardedFor.join(',') : forwardedFor);
  let client: string | undefined;
  for (let i = hops.length - 1; i >= 0 && hops.length - i <= MAX_FORWARDED_HOPS; i--) {
    const hop = hopAddress(hops[i]!);
    if (hop === null) return connection;
    client = hop;
    if (!trusted.has(hop)) return hop;
  }
  // Every hop is a trusted proxy: the leftmost is the client (an internal host), if the header was read to its start.
  return complete && hops.length <= MAX_FORWARDED_HOPS && client !== undefined ? client : connection;
}

/** The header's entries, the first MAX_FORWARDED_FOR_CHARS cut away (with the entry they cut) when it is longer. */
function forwardedHops(header: string): { hops: string[]; complete: boolean } {
  if (header.length <= MAX_FORWARDED_FOR_CHARS) return { hops: header.split(','), complete: true };
  return { hops: header.slice(-MAX_FORWARDED_FOR_CHARS).split(',').slice(1), complete: false };
}

/** One X-Forwarded-For entry's address: `192.0.2.7`, `2001:db8::7`, with a port `192.0.2.7:443` or `[2001:db8::7]:443`. */
function hopAddress(entry: string): string | null {
  const text = entry.trim();
  if (text.startsWith('[')) {
    const close = text.indexOf(']');
    const rest = text.slice(close + 1);
    if (close < 0 || (rest !== '' && !(rest.startsWith(':') && isDigits(rest.slice(1), 5)))) return null;
    const inner = text.slice(1, close);
    return isIP(inner) === 6 ? canonicalAddress(inner) : null;
  }
  const colon = text.indexOf(':');
  if (colon >= 0 && colon === text.lastIndexOf(':')) {
    // One colon: IPv4 with a port (IPv6 has at least two).
    const host = text.slice(0, colon);
    return isDigits(text.slice(colon + 1), 5) && canonicalAddress(host) === host ? host : null;
  }
  return canonicalAddress(text);
}
