import assert from 'node:assert/strict';
import { test } from 'node:test';
import { forwardedClient, MAX_FORWARDED_FOR_CHARS, MAX_FORWARDED_HOPS } from './forwarded-for.ts';
import { NO_TRUSTED_PROXIES, parseTrustedProxies, type TrustedProxies } from './trusted-proxies.ts';

function trust(text: string): TrustedProxies {
  const parsed = parseTrustedProxies(text);
  assert.ok('proxies' in parsed, text);
  return parsed.proxies;
}

const PROXIES = trust('127.0.0.1, 10.0.0.0/8, ::1, 2001:db8:ffff::/48');

test('without a trusted proxy the connection is the client, whatever X-Forwarded-For says', () => {
  assert.equal(forwardedClient('198.51.100.7', '203.0.113.1', NO_TRUSTED_PROXIES), '198.51.100.7');
  assert.equal(forwardedClient('198.51.100.7', '203.0.113.1', PROXIES), '198.51.100.7', 'the peer is not one of ours');
  assert.equal(forwardedClient('127.0.0.1', undefined, PROXIES), '127.0.0.1', 'a proxy asking for itself');
  assert.equal(forwardedClient(undefined, '203.0.113.1', PROXIES), undefined, 'a connection already closed');
});

test('behind trusted proxies the first untrusted address from the right is the client', () => {
  assert.equal(forwardedClient('127.0.0.1', '203.0.113.9', PROXIES), '203.0.113.9');
  assert.equal(forwardedClient('10.0.0.2', '203.0.113.9, 10.0.0.3', PROXIES), '203.0.113.9', 'two proxies');
  assert.equal(forwardedClient('10.0.0.2', ['203.0.113.9', '10.0.0.3'], PROXIES), '203.0.113.9', 'as separate header lines');
  assert.equal(forwardedClient('10.0.0.2', ' 203.0.113.9 ,\t10.0.0.3 ', PROXIES), '203.0.113.9', 'with spaces');
});

test('entries left of the client are the client’s own words and are ignored', () => {
  // A client sends "X-Forwarded-For: 10.0.0.9, 192.0.2.1" and the proxy appends its real address.
  assert.equal(forwardedClient('127.0.0.1', '10.0.0.9, 192.0.2.1, 198.51.100.4', PROXIES), '198.51.100.4');
  assert.equal(forwardedClient('127.0.0.1', 'garbage, <script>, 198.51.100.4', PROXIES), '198.51.100.4');
  // A spoofed trusted address on the left is skipped only when it is right of every untrusted one: never here.
  assert.equal(forwardedClient('127.0.0.1', '127.0.0.1, 198.51.100.4', PROXIES), '198.51.100.4');
});

test('IPv6 clients and proxies, canonical and with IPv4-mapped addresses as IPv4', () => {
  assert.equal(forwardedClient('::1', '2001:DB8:0:0::7', PROXIES), '2001:db8::7');
  assert.equal(forwardedClient('::ffff:127.0.0.1', '198.51.100.4', PROXIES), '198.51.100.4', 'a dual-stack socket');
  assert.equal(forwardedClient('::1', '::ffff:198.51.100.4', PROXIES), '198.51.100.4');
  assert.equal(forwardedClient('::1', '2001:db8:1::5, 2001:db8:ffff:1::2', PROXIES), '2001:db8:1::5', 'a trusted /48');
  assert.equal(forwardedClient('::ffff:198.51.100.4', undefined, NO_TRUSTED_PROXIES), '198.51.100.4');
});

test('entries with a port, as some proxies write them', () => {
  assert.equal(forwardedClient('127.0.0.1', '198.51.100.4:51234', PROXIES), '198.51.100.4');
  assert.equal(forwardedClient('127.0.0.1', '[2001:db8::7]:443', PROXIES), '2001:db8::7');
  assert.equal(forwardedClient('127.0.0.1', '[2001:db8::7]', PROXIES), '2001:db8::7');
});

test('a malformed or empty header, or garbage on the trusted side, gives the connection address', () => {
  for (const header of [
    '',
    ' ',
    ',',
    'unknown',
    '198.51.100.4,',
    '198.51.100.4, , 10.0.0.3',
    '198.51.100.4.5',
    '198.051.100.4',
    '[198.51.100.4]',
    '[2001:db8::7',
    '[2001:db8::7]x',
    '198.51.100.4:port',
    '198.51.100.4:123456',
    'fe80::1%eth0%1',
    '1.2.3.4/8',
  ]) {
    assert.equal(forwardedClient('127.0.0.1', header, PROXIES), '127.0.0.1', JSON.stringify(header));
  }
});

test('only trusted proxies in the header: the leftmost is the client (an internal host)', () => {
  assert.equal(forwardedClient('127.0.0.1', '10.1.2.3, 10.0.0.3', PROXIES), '10.1.2.3');
});

test('an oversized header is read from its right end only, and a walk past the bound gives the connection', () => {
  const padding = '198.51.100.200, '.repeat(MAX_FORWARDED_FOR_CHARS / 8);
  assert.equal(forwardedClient('127.0.0.1', `${padding}203.0.113.9, 10.0.0.3`, PROXIES), '203.0.113.9', 'the client is still found');
  const proxies = Array.from({ length: MAX_FORWARDED_HOPS }, (_, i) => `10.0.${i}.1`).join(', ');
  assert.equal(forwardedClient('127.0.0.1', `203.0.113.9, ${proxies}`, PROXIES), '127.0.0.1', `more than ${MAX_FORWARDED_HOPS} hops`);
  const fewer = Array.from({ length: MAX_FORWARDED_HOPS - 1 }, (_, i) => `10.0.${i}.1`).join(', ');
  assert.equal(forwardedClient('127.0.0.1', `203.0.113.9, ${fewer}`, PROXIES), '203.0.113.9', `${MAX_FORWARDED_HOPS} hops`);
  const cut = `${'10.0.0.1, '.repeat(MAX_FORWARDED_FOR_CHARS / 10)}10.0.0.2`;
  assert.equal(forwardedClient('127.0.0.1', cut, PROXIES), '127.0.0.1', 'only proxies, and the start was cut off');
});
