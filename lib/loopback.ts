/**
 * Whether a HOST to listen on is a loopback address, reachable only from this machine:
 * `localhost`, 127.0.0.0/8 or ::1. A wildcard (`0.0.0.0`, `::`) or a named interface is not.
 * @example isLoopbackHost('127.0.0.1') // true; isLoopbackHost('0.0.0.0') // false
 */
export function isLoopbackHost(host: string): boolean {
  const name = host.toLowerCase().replace(/^\[(.*)\]$/, '$1');
  return name === 'localhost' || name === '::1' || /^127(\.\d{1,3}){3}$/.test(name);
}
