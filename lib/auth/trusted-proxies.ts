import { BlockList, isIP, SocketAddress } from 'node:net';

/** The proxies (`TRUSTED_PROXIES`) whose X-Forwarded-For the portal believes. */
export interface TrustedProxies {
  /** The entries as configured, such as `10.0.0.0/8`. */
  readonly entries: readonly string[];
  /** Whether `address` (canonical, as `canonicalAddress` returns it) is one of them or in one of their ranges. */
  has(address: string): boolean;
}

/** No proxy is trusted: X-Forwarded-For is never believed, as without TRUSTED_PROXIES. */
export const NO_TRUSTED_PROXIES: TrustedProxies = Object.freeze({ entries: Object.freeze([]), has: () => false });

/**
 * The trusted proxies a comma-separated list of addresses and CIDR ranges (IPv4 and IPv6) names, or the entries
 * that are neither. A /0 range is refused: it would let every client choose the address it is limited and audited as.
 * @example parseTrustedProxies('127.0.0.1, 10.0.0.0/8, ::1') // { proxies } with proxies.has('10.1.2.3') === true
 */
export function parseTrustedProxies(text: string): { proxies: TrustedProxies } | { invalid: string[] } {
  const entries = text
    .split(',')
    .map((entry) => entry.trim())
    .filter(Boolean);
  const list = new BlockList();
  const invalid = entries.filter((entry) => !addEntry(list, entry));
  if (invalid.length > 0) return { invalid };
  if (entries.length === 0) return { proxies: NO_TRUSTED_PROXIES };
  return {
    proxies: {
      entries,
      has: (address) => {
        const family = isIP(address);
        return family !== 0 && list.check(address, family === 4 ? 'ipv4' : 'ipv6');
      },
    },
  };
}

/** Adds `10.0.0.1` or `10.0.0.0/8` (or IPv6 alike) to `list`; false when the entry is neither. */
function addEntry(list: BlockList, entry: string): boolean {
  const [address = '', prefix, extra] = entry.split('/');
  const family = address.includes('%') ? 0 : isIP(address);
  if (family === 0 || extra !== undefined) return false;
  const type = family === 4 ? 'ipv4' : 'ipv6';
  if (prefix === undefined) {
    list.addAddress(address, type);
    return true;
  }
  const bits = isDigits(prefix, 3) ? Number(prefix) : -1;
  if (bits < 1 || bits > (family === 4 ? 32 : 128)) return false;
  list.addSubnet(address, bits, type);
  return true;
}

/**
 * An IP address written one way only: IPv6 compressed and lower case (RFC 5952), without a zone, and an IPv4-mapped
 * IPv6 address as its IPv4 address (a dual-stack socket reports `::ffff:192.0.2.7`); null for anything else.
 * @example canonicalAddress('::FFFF:192.0.2.7') // '192.0.2.7'; canonicalAddress('2001:DB8:0::1') // '2001:db8::1'
 */
export function canonicalAddress(text: string): string | null {
  const family = isIP(text);
  if (family === 4) return text; // isIP refuses leading zeros and other spellings
  if (family !== 6) return null;
  let canonical: string;
  try {
    canonical = new SocketAddress({ address: text, family: 'ipv6' }).address;
  } catch {
    return null;
  }
  const mapped = canonical.startsWith('::ffff:') ? canonical.slice('::ffff:'.length) : '';
  return isIP(mapped) === 4 ? mapped : canonical;
}

/** Whether `text` is 1 to `max` decimal digits. */
export function isDigits(text: string, max: number): boolean {
  if (text.length === 0 || text.length > max) return false;
  for (const char of text) if (char < '0' || char > '9') return false;
  return true;
}
