import { isIP } from 'node:net';

/**
 * The group an address is limited as: an IPv4 address alone (an IPv4-mapped IPv6 one as that IPv4 address), and an
 * IPv6 address by its /64 network, since one host is routinely given a whole /64 and could otherwise turn every
 * per-address limit into one per address it cares to use. Anything else (`unknown`) is its own group.
 * @example addressGroup('2001:db8:1:2:aaaa::1') // '2001:db8:1:2::/64'; addressGroup('::ffff:192.0.2.7') // '192.0.2.7'
 */
export function addressGroup(address: string): string {
  const mapped = /^::ffff:(\d{1,3}(?:\.\d{1,3}){3})$/i.exec(address);
  if (mapped?.[1]) return mapped[1];
  if (isIP(address) !== 6) return address;
  return `${expandIPv6(address).slice(0, 4).join(':')}::/64`;
}

/** The eight hextets of an IPv6 address, without leading zeros, `::` expanded; a zone (`%eth0`) dropped. */
function expandIPv6(address: string): string[] {
  const [head = '', tail] = (address.split('%')[0] ?? '').toLowerCase().split('::');
  const left = head ? head.split(':') : [];
  const right = tail ? tail.split(':') : [];
  // A trailing dotted IPv4 part (::a.b.c.d) takes two hextets; only the first four matter here.
  const width = [...left, ...right].reduce((sum, part) => sum + (part.includes('.') ? 2 : 1), 0);
  const hextets = tail === undefined ? left : [...left, ...Array<string>(8 - width).fill('0'), ...right];
  return hextets.map((part) => (part.includes('.') ? part : String(parseInt(part, 16).toString(16))));
}
