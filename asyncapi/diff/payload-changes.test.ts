import assert from 'node:assert/strict';
import { test } from 'node:test';
import { classifyPayloadChanges } from './payload-changes.ts';

const where = { path: '/channels/orders/messages/Order/payload', subject: 'Order payload' };
const order = {
  type: 'object',
  required: ['orderId'],
  properties: {
    orderId: { type: 'string' },
    status: { type: 'string', enum: ['new', 'paid'] },
    items: {
      type: 'array',
      items: { type: 'object', required: ['sku'], properties: { sku: { type: 'string' }, note: { type: 'string' } } },
    },
  },
};

const edited = (edit: (schema: typeof order) => void): typeof order => {
  const copy = structuredClone(order);
  edit(copy);
  return copy;
};

const classify = (after: unknown): { type: string; kind: string; path: string; description: string }[] =>
  classifyPayloadChanges(order, after as typeof order, where);

test('identical schemas have no changes', () => {
  assert.deepEqual(classify(structuredClone(order)), []);
});

test('a removed property, a new required one, a changed type and a narrowed enum are breaking', () => {
  const cases: [string, typeof order, string, string][] = [
    ['removed', edited((s) => delete (s.properties as Partial<typeof s.properties>).status), '/properties/status', 'property removed'],
    [
      'new required',
      edited((s) => Object.assign(s, { required: ['orderId', 'total'], properties: { ...s.properties, total: { type: 'number' } } })),
      '/properties/total',
      'new required property',
    ],
    ['type', edited((s) => (s.properties.orderId.type = 'integer')), '/properties/orderId/type', 'type changed from string to integer'],
    ['enum', edited((s) => (s.properties.status.enum = ['new'])), '/properties/status/enum', 'enum narrowed: "paid" no longer allowed'],
    [
      'nested',
      edited((s) => delete (s.properties.items.items.properties as Partial<{ sku: unknown }>).sku),
      '/properties/items/items/properties/sku',
      'property removed',
    ],
    ['now required', edited((s) => s.required.push('status')), '/properties/status', 'property is now required'],
  ];
  for (const [name, after, suffix, what] of cases) {
    const changes = classify(after);
    assert.equal(changes.length, 1, `${name}: ${JSON.stringify(changes)}`);
    assert.equal(changes[0]?.type, 'breaking', name);
    assert.equal(changes[0]?.path, `${where.path}${suffix}`, name);
    assert.match(changes[0]?.description ?? '', new RegExp(`^Order payload .*: ${what.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$`), name);
  }
});

test('an added optional property, a widened enum and a dropped requirement are not breaking', () => {
  const after = edited((s) => {
    Object.assign(s.properties, { note: { type: 'string' } });
    s.properties.status.enum = ['new', 'paid', 'refunded'];
    s.required = [];
  });
  const changes = classify(after);
  assert.deepEqual(changes.map((c) => [c.type, c.kind, c.path.slice(where.path.length)]).sort(), [
    ['non-breaking', 'add', '/properties/note'],
    ['non-breaking', 'edit', '/properties/orderId'],
    ['non-breaking', 'edit', '/properties/status/enum'],
  ]);
});

test('other constraints are unclassified and annotations are not breaking', () => {
  const after = edited((s) => Object.assign(s.properties.orderId, { format: 'uuid', description: 'The id.' }));
  assert.deepEqual(
    classify(after)
      .map((c) => [c.type, c.path.slice(where.path.length)])
      .sort(),
    [
      ['non-breaking', '/properties/orderId/description'],
      ['unclassified', '/properties/orderId/format'],
    ],
  );
});
