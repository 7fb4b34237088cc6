import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { PublishChannelGroup } from '../../prisma/store/publish-channels.ts';
import { exactAddresses, MAX_OFFERED_ADDRESSES } from './exact-addresses.ts';

const channel = (address: string, parameters: string[] = []) => ({ key: address, address, description: null, parameters, messages: [] });
const group = (slug: string, channels: ReturnType<typeof channel>[]): PublishChannelGroup => ({
  slug,
  title: slug,
  version: '1.0.0',
  channels,
});

test('offers the addresses without parameters, each once, sorted', () => {
  const groups = [
    group('orders', [channel('orders.created'), channel('user/{id}/signup', ['id']), channel('orders.cancelled')]),
    group('billing', [channel('orders.created'), channel('payments.settled')]),
  ];
  assert.deepEqual(exactAddresses(groups), ['orders.cancelled', 'orders.created', 'payments.settled']);
});

test('offers at most MAX_OFFERED_ADDRESSES', () => {
  const many = Array.from({ length: MAX_OFFERED_ADDRESSES + 5 }, (_, i) => channel(`c${String(i).padStart(4, '0')}`));
  assert.equal(exactAddresses([group('big', many)]).length, MAX_OFFERED_ADDRESSES);
});

test('leaves out the documents that are not on the broker', () => {
  const groups = [group('orders', [channel('orders.created')]), group('portal-api', [channel('tail:subscribe')])];
  assert.deepEqual(
    exactAddresses(groups, (slug) => slug !== 'portal-api'),
    ['orders.created'],
  );
});
