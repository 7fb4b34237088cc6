import assert from 'node:assert/strict';
import { test } from 'node:test';
import { readExample } from '../../testing/examples.ts';
import { validateDocument } from '../validate.ts';
import { diffVersions, summarise } from './diff-versions.ts';
import type { DiffSide } from './types.ts';

async function side(raw: string): Promise<DiffSide> {
  const result = await validateDocument(raw);
  assert.ok(result.valid, result.valid ? '' : result.error);
  return { resolved: result.resolved, messages: result.document.messages };
}

const replaceOnce = (text: string, from: string, to: string): string => {
  assert.ok(text.includes(from), `"${from}" occurs in the example`);
  return text.replace(from, to);
};

test('3.0: the example 1.1.0 only adds a channel, an operation and a message: nothing breaking', async () => {
  const changes = diffVersions(
    await side(await readExample('ecommerce-orders.yaml')),
    await side(await readExample('versions/ecommerce-orders-1.1.0.yaml')),
  );
  assert.equal(summarise(changes).breaking, 0, JSON.stringify(changes, null, 1));
  assert.ok(changes.some((c) => c.kind === 'add' && c.path === '/channels/orderCancelled' && c.type === 'non-breaking'));
  assert.ok(changes.some((c) => c.path === '/info/version' && c.type === 'non-breaking'));
});

test('3.0: payload changes behind $refs are classified where they take effect, once', async () => {
  const raw = await readExample('ecommerce-orders.yaml');
  const next = replaceOnce(
    replaceOnce(raw, 'required: [orderId, customerId, total]', 'required: [orderId, customerId, total, currency]'),
    '        createdAt:\n          type: string',
    '        currency:\n          type: string\n        createdAt:\n          type: string',
  ).replace('enum: [succeeded, failed]', 'enum: [succeeded]');
  const changes = diffVersions(await side(raw), await side(next));
  const breaking = changes.filter((c) => c.type === 'breaking');
  assert.deepEqual(breaking.map((c) => c.path).sort(), [
    '/channels/orderCreated/messages/OrderCreated/payload/properties/currency',
    '/channels/paymentProcessed/messages/PaymentProcessed/payload/properties/status/enum',
  ]);
  assert.match(
    breaking.find((c) => c.path.endsWith('currency'))?.description ?? '',
    /OrderCreated payload "currency": new required property/,
  );
  assert.ok(
    changes.every((c) => !c.path.startsWith('/operations') && !c.path.startsWith('/components')),
    'no echo under operations or components',
  );
});

test('3.0: removing a channel and moving an operation are breaking', async () => {
  const raw = await readExample('ecommerce-orders.yaml');
  const next = replaceOnce(raw, "      $ref: '#/channels/orderShipped'\n", "      $ref: '#/channels/orderCreated'\n").replace(
    "      - $ref: '#/channels/orderShipped/messages/OrderShipped'",
    "      - $ref: '#/channels/orderCreated/messages/OrderCreated'",
  );
  const changes = diffVersions(await side(raw), await side(next));
  assert.ok(
    changes.some((c) => c.type === 'breaking' && c.path === '/operations/publishOrderShipped/channel/$ref'),
    JSON.stringify(changes, null, 1),
  );
});

test('2.x: a removed property and a changed type are breaking; a new optional property is not', async () => {
  const raw = await readExample('user-signup-v2.yaml');
  const next = replaceOnce(
    raw,
    '          displayName:\n            type: string\n',
    '          locale:\n            type: string\n',
  ).replace('          reason:\n            type: string', "          reason:\n            type: [string, 'null']");
  const changes = diffVersions(await side(raw), await side(next));
  const byType = (type: string): string[] =>
    changes
      .filter((c) => c.type === type)
      .map((c) => c.description)
      .sort();
  assert.deepEqual(byType('breaking'), [
    'UserDeleted payload "reason": type changed from string to null | string',
    'UserSignedUp payload "displayName": property removed',
  ]);
  assert.deepEqual(byType('non-breaking'), ['UserSignedUp payload "locale": new optional property']);
  assert.equal(
    changes.find((c) => c.description.includes('displayName'))?.path,
    '/channels/user~1{userId}~1signedup/messages/UserSignedUp/payload/properties/displayName',
  );
});

test('2.x: removing a channel is breaking', async () => {
  const raw = await readExample('user-signup-v2.yaml');
  const start = raw.indexOf('  user/{userId}/deleted:');
  const next = raw.slice(0, start) + raw.slice(raw.indexOf('components:'));
  const changes = diffVersions(await side(raw), await side(next));
  assert.deepEqual(
    changes.filter((c) => c.type === 'breaking').map((c) => [c.kind, c.path]),
    [['remove', '/channels/user~1{userId}~1deleted']],
  );
});
