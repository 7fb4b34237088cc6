import assert from 'node:assert/strict';
import { test } from 'node:test';
import { addressGroup } from './address-group.ts';

test('IPv6 addresses of one /64 are one group, however they are written', () => {
  const group = '2001:db8:1:2::/64';
  for (const address of ['2001:db8:1:2::1', '2001:0db8:0001:0002:ffff:ffff:ffff:ffff', '2001:DB8:1:2:a:b:c:d', '2001:db8:1:2::9%eth0'])
    assert.equal(addressGroup(address), group, address);
  assert.notEqual(addressGroup('2001:db8:1:3::1'), group, 'the next /64 is another group');
  assert.equal(addressGroup('::1'), '0:0:0:0::/64');
  assert.equal(addressGroup('2001:db8::'), '2001:db8:0:0::/64');
});

test('IPv4 addresses stay themselves, also when mapped into IPv6; anything else is its own group', () => {
  assert.equal(addressGroup('192.0.2.7'), '192.0.2.7');
  assert.equal(addressGroup('::ffff:192.0.2.7'), '192.0.2.7');
  assert.equal(addressGroup('::FFFF:192.0.2.8'), '192.0.2.8');
  assert.equal(addressGroup('unknown'), 'unknown');
});
