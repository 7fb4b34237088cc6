import assert from 'node:assert/strict';
import { test } from 'node:test';
import { ChannelMatcher } from './channel-matcher.ts';
import { indexedExample } from '../../testing/indexed-example.ts';

const compile = (...addresses: (string | null)[]) => ChannelMatcher.compile(addresses.map((address) => ({ address })));

test('3.x: a parameterised address yields the parameter values', async () => {
  const matcher = ChannelMatcher.compile(await indexedExample('greenhouse-sensors.yaml'));
  const reading = matcher.match('greenhouse/north/sensor/s-17/reading');
  assert.equal(reading?.channel.channelKey, 'sensorReading');
  assert.deepEqual(reading?.params, { zone: 'north', sensorId: 's-17' });
  assert.deepEqual(matcher.match('greenhouse/south/alert')?.params, { zone: 'south' });
  assert.equal(matcher.match('greenhouse/south/alert')?.channel.channelKey, 'zoneAlert');
});

test('3.x: exact addresses match by name only', async () => {
  const matcher = ChannelMatcher.compile(await indexedExample('ecommerce-orders.yaml'));
  assert.equal(matcher.match('orderCreated')?.channel.channelKey, 'orderCreated');
  assert.deepEqual(matcher.match('orderCreated')?.params, {});
  assert.equal(matcher.match('orderCreated2'), null);
  assert.equal(matcher.match('ordercreated'), null);
});

test('2.x: channel keys are the addresses', async () => {
  const matcher = ChannelMatcher.compile(await indexedExample('user-signup-v2.yaml'));
  const signup = matcher.match('user/u-1/signedup');
  assert.equal(signup?.channel.channelKey, 'user/{userId}/signedup');
  assert.deepEqual(signup?.params, { userId: 'u-1' });
  assert.equal(matcher.match('user/u-1/deleted')?.channel.channelKey, 'user/{userId}/deleted');
});

test('a parameter takes one non-empty value without "/" and stops at the literal that follows', () => {
  const matcher = compile('greenhouse/{zone}/sensor/{sensorId}/reading', 'user.{id}.created', 'logs/{rest}');
  assert.equal(matcher.match('greenhouse//sensor/s-1/reading'), null, 'empty value');
  assert.equal(matcher.match('greenhouse/a/b/sensor/s-1/reading'), null, 'value with a slash');
  assert.equal(matcher.match('greenhouse/north/sensor/s-1/reading/extra'), null, 'trailing text');
  assert.equal(matcher.match('greenhouse/north/sensor/s-1'), null, 'missing suffix');
  assert.deepEqual(matcher.match('user.42.created')?.params, { id: '42' });
  assert.equal(matcher.match('user.a.created.b.created'), null, 'a value may not contain the literal after it');
  assert.deepEqual(matcher.match('user.a-b.c.created')?.params, { id: 'a-b.c' });
  assert.deepEqual(matcher.match('logs/api')?.params, { rest: 'api' });
  assert.equal(matcher.match('logs/api/v1'), null);
  assert.equal(matcher.match('logs/'), null);
});

test('the most specific address wins, and an exact address beats any parameterised one', () => {
  const matcher = compile('orders/{id}', 'orders/{id}/{event}', 'orders/{id}/shipped', '{any}/created', 'orders/special');
  assert.equal(matcher.match('orders/7/shipped')?.channel.address, 'orders/{id}/shipped');
  assert.equal(matcher.match('orders/7/paid')?.channel.address, 'orders/{id}/{event}');
  assert.equal(matcher.match('orders/7')?.channel.address, 'orders/{id}');
  assert.equal(matcher.match('orders/special')?.channel.address, 'orders/special');
  assert.equal(matcher.match('orders/created')?.channel.address, '{any}/created', 'more literal text wins: "/created" over "orders/"');
  assert.equal(matcher.match('users/created')?.channel.address, '{any}/created');
});

test('channels without an address, and adjacent parameters, never match', () => {
  const matcher = compile(null, '', 'a/{x}{y}/b');
  assert.equal(matcher.match(''), null);
  assert.equal(matcher.match('a/12/b'), null);
});

test('stays fast with thousands of catalogued channels', () => {
  const addresses: string[] = [];
  for (let i = 0; i < 2_000; i++) addresses.push(`svc${i}/{tenant}/entity${i % 50}/{id}/changed`, `svc${i}.static.${i}`);
  const matcher = compile(...addresses);
  assert.deepEqual(matcher.match('svc1999/acme/entity49/e-1/changed')?.params, { tenant: 'acme', id: 'e-1' });
  assert.equal(matcher.match('svc1999.static.1999')?.channel.address, 'svc1999.static.1999');
  const started = performance.now();
  for (let i = 0; i < 20_000; i++) matcher.match(`svc${i % 2_000}/t/entity${i % 50}/${i}/changed`);
  const perSecond = 20_000 / ((performance.now() - started) / 1000);
  assert.ok(perSecond > 50_000, `${Math.round(perSecond)} matches/s with 4,000 channels`);
});
