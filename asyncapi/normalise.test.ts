import assert from 'node:assert/strict';
import { test } from 'node:test';
import { generateLargeDocument } from './examples/generate-large.ts';
import type { NormalisedDocument } from './types.ts';
import { validateDocument } from './validate.ts';

async function normalised(raw: string): Promise<NormalisedDocument> {
  const result = await validateDocument(raw);
  assert.ok(result.valid, result.valid ? '' : result.error);
  return result.document;
}

test('2.0 operations without operationId get distinct keys, and anonymous messages a key each', async () => {
  const doc = await normalised(`asyncapi: 2.0.0
info: { title: Anonymous, version: 1.0.0 }
servers:
  prod: { url: 'amqp://broker.example.com:5672/vhost', protocol: amqp }
channels:
  a:
    publish:
      message: { payload: { type: string } }
    subscribe:
      message: { payload: { type: integer } }
  b:
    publish:
      message: { payload: { type: string } }
`);
  assert.deepEqual(
    doc.operations.map((o) => [o.key, o.action, o.channelKey]),
    [
      ['publish a', 'receive', 'a'],
      ['subscribe a', 'send', 'a'],
      ['publish b', 'receive', 'b'],
    ],
  );
  const keysOfA = doc.messages.filter((m) => m.channelKey === 'a').map((m) => m.key);
  assert.equal(new Set(keysOfA).size, 2, `message keys are unique within a channel: ${keysOfA.join(', ')}`);
  assert.deepEqual(
    doc.operations.map((o) => o.messageKeys.length),
    [1, 1, 1],
  );
  assert.deepEqual(
    doc.servers.map((s) => s.host),
    ['broker.example.com:5672'],
  );
});

test('a circular payload schema is cut, stays serialisable and its properties are collected', async () => {
  const doc = await normalised(`asyncapi: 3.0.0
info: { title: Tree, version: 1.0.0 }
channels:
  tree:
    address: tree
    messages:
      Node:
        payload: { $ref: '#/components/schemas/Node' }
components:
  schemas:
    Node:
      type: object
      properties:
        label: { type: string }
        children: { type: array, items: { $ref: '#/components/schemas/Node' } }
`);
  const [message] = doc.messages;
  assert.deepEqual(message?.payloadProperties, ['label', 'children']);
  const payload = JSON.parse(JSON.stringify(message?.payload)) as { properties: { children: { items: unknown } } };
  assert.deepEqual(payload.properties.children.items, { $comment: 'circular reference to Node' });
});

test('the generated document has 300 channels by default, each normalised with its message and operation', async () => {
  assert.equal(generateLargeDocument().match(/^ {4}address: /gm)?.length, 300);
  const doc = await normalised(generateLargeDocument(40));
  assert.equal(doc.channels.length, 40);
  assert.equal(doc.messages.length, 40);
  assert.equal(doc.operations.length, 40);
  assert.equal(doc.channels[39]?.address, 'fleet/{region}/vehicle/{vehicleId}/metric-40');
  assert.deepEqual(
    doc.channels[0]?.parameters.map((p) => p.name),
    ['region', 'vehicleId'],
  );
  assert.ok(doc.operations.every((o) => o.action === 'send' && o.messageKeys.length === 1));
  assert.ok(doc.messages.every((m) => m.examples.length === 1 && m.payloadProperties.length >= 8));
});
