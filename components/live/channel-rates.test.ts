import assert from 'node:assert/strict';
import { test } from 'node:test';
import { ChannelRates } from './channel-rates.ts';

test('rates are messages per second over the window, busiest first', () => {
  const rates = new ChannelRates({ windowTicks: 2 });
  rates.tick(0);
  for (let i = 0; i < 10; i++) rates.count('orders', 500 + i);
  rates.count('users', 900);
  rates.tick(1_000);
  assert.equal(rates.overall, 11);
  assert.deepEqual(rates.top, [
    { channel: 'orders', count: 10, rate: 10, checked: 0, violations: 0, status: null, lastSeen: 509 },
    { channel: 'users', count: 1, rate: 1, checked: 0, violations: 0, status: null, lastSeen: 900 },
  ]);
  rates.tick(2_000);
  assert.equal(rates.overall, 5.5);
  assert.equal(rates.top[0]!.rate, 5);
  rates.tick(3_000);
  assert.equal(rates.top[0]!.rate, 0);
  assert.equal(rates.top[0]!.count, 10);
});

test('keeps the top N and forgets idle channels beyond the limit', () => {
  const rates = new ChannelRates({ maxChannels: 3, topSize: 2 });
  rates.tick(0);
  for (const channel of ['a', 'b', 'c']) rates.count(channel);
  rates.tick(1_000);
  for (let i = 0; i < 3; i++) rates.count('d');
  for (let i = 0; i < 2; i++) rates.count('e');
  // Still within the window, so a, b and c are not idle yet: the oldest seen go.
  rates.tick(2_000);
  assert.equal(rates.size, 3);
  assert.deepEqual(
    rates.top.map((r) => r.channel),
    ['d', 'e'],
  );
});

test('counts checked messages and violations per channel, with the latest status', () => {
  const rates = new ChannelRates();
  rates.tick(0);
  for (const status of ['conforms', 'violates', 'violates', 'unchecked'] as const) rates.count('sensors', 1, status);
  rates.count('other', 2, 'undocumented');
  rates.tick(1_000);
  const [sensors, other] = rates.top;
  assert.deepEqual(sensors && [sensors.checked, sensors.violations, sensors.status], [3, 2, 'unchecked']);
  assert.deepEqual(other && [other.checked, other.violations, other.status], [0, 0, 'undocumented']);
});

test('the overall rate and every channel rate average the same window', () => {
  const rates = new ChannelRates({ windowTicks: 10 });
  rates.tick(0);
  for (let i = 0; i < 25; i++) rates.count('parcel.1.status');
  rates.tick(1_000);
  rates.tick(2_000);
  for (let i = 0; i < 5; i++) rates.count('parcel.2.status');
  rates.tick(3_000);
  rates.tick(4_000);
  // 30 messages in 4 seconds: the header and the rows say the same thing.
  assert.equal(rates.overall, 7.5);
  assert.deepEqual(
    rates.top.map((row) => row.rate),
    [6.25, 1.25],
  );
  assert.equal(rates.top[0]!.rate + rates.top[1]!.rate, rates.overall);
});

test('groups concrete channels by the catalogued address they matched', () => {
  const rates = new ChannelRates({ windowTicks: 1 });
  rates.tick(0);
  for (let i = 0; i < 3; i++) rates.count('parcel.1.status', 10 + i, 'conforms', 'parcel.{parcelId}.status');
  rates.count('parcel.2.status', 50, 'violates', 'parcel.{parcelId}.status');
  rates.count('misc', 40, 'undocumented');
  rates.tick(1_000);
  assert.deepEqual(
    rates.groups.map((g) => [g.key, g.address, g.count, g.rate, g.checked, g.violations, g.status, g.lastSeen, g.channelCount]),
    [
      ['parcel.{parcelId}.status', 'parcel.{parcelId}.status', 4, 4, 4, 1, 'violates', 50, 2],
      ['misc', null, 1, 1, 0, 0, 'undocumented', 40, 1],
    ],
  );
  assert.deepEqual(
    rates.groups[0]!.channels.map((c) => [c.channel, c.count]),
    [
      ['parcel.1.status', 3],
      ['parcel.2.status', 1],
    ],
  );
});
