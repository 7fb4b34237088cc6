import assert from 'node:assert/strict';
import { test } from 'node:test';
import { canonicalAddress, parseTrustedProxies } from './trusted-proxies.ts';

test('addresses and CIDR ranges of both families, and IPv4-mapped addresses by their IPv4 one', () => {
  const parsed = parseTrustedProxies(' 127.0.0.1 ,10.0.0.0/8,::1,2001:db8::/32,, ');
  assert.ok('proxies' in parsed);
  const { proxies } = parsed;
  assert.deepEqual(proxies.entries, ['127.0.0.1', '10.0.0.0/8', '::1', '2001:db8::/32']);
  for (const yes of ['127.0.0.1', '10.255.0.1', '::1', '2001:db8:5::1', '::ffff:10.1.1.1']) assert.equal(proxies.has(yes), true, yes);
  for (const no of ['127.0.0.2', '11.0.0.1', '::2', '2001:db9::1', 'garbage', '']) assert.equal(proxies.has(no), false, no);
});

test('an empty list trusts nobody', () => {
  const parsed = parseTrustedProxies('');
  assert.ok('proxies' in parsed);
  assert.deepEqual(parsed.proxies.entries, []);
  assert.equal(parsed.proxies.has('127.0.0.1'), false);
});

test('every entry that is not an address or range is named', () => {
  const bad = [
    'proxy.example.com',
    '10.0.0.0/33',
    '::/129',
    '10.0.0.0/0',
    '::/0',
    '10.0.0.1/8/8',
    '10.0.0.0/',
    '10.0.0.0/x',
    '[::1]',
    'fe80::1%eth0',
    '010.0.0.1',
    '10.0.0.0/-1',
    '10.0.0.0/ 8',
  ];
  assert.deepEqual(parseTrustedProxies(['127.0.0.1', ...bad].join(',')), { invalid: bad });
});

test('canonicalAddress writes each address one way', () => {
  assert.equal(canonicalAddress('192.0.2.7'), '192.0.2.7');
  assert.equal(canonicalAddress('::FFFF:192.0.2.7'), '192.0.2.7');
  assert.equal(canonicalAddress('0:0:0:0:0:ffff:c000:0207'), '192.0.2.7');
  assert.equal(canonicalAddress('2001:0DB8:0:0::0001'), '2001:db8::1');
  assert.equal(canonicalAddress('fe80::1%eth0'), 'fe80::1');
  for (const bad of ['', 'localhost', '192.0.2', '192.0.2.07', '[::1]', ' ::1']) assert.equal(canonicalAddress(bad), null, bad);
});
