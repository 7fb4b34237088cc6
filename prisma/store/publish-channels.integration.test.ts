import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { readExample } from '../../testing/examples.ts';
import type { Database } from '../db.ts';
import { storeDocument, testBackends } from '../../testing/databases.ts';
import { NotFoundError } from './errors.ts';
import { getPublishChannel, listPublishChannels } from './publish-channels.ts';

// A 3.x channel without an address cannot be published to; a channel may carry several messages.
const mixed = `asyncapi: 3.0.0
info: { title: Mixed Channels, version: 1.0.0 }
channels:
  anywhere:
    messages:
      Ping: { payload: { type: string } }
  commands:
    address: device/{deviceId}/commands
    parameters:
      deviceId: { description: The device. }
    messages:
      Reboot:
        name: Reboot
        payload: { type: object, required: [delay], properties: { delay: { type: integer, minimum: 0 } } }
      Rename:
        name: Rename
        payload: { type: object, required: [name], properties: { name: { type: string } } }
        examples:
          - payload: { name: kitchen }
      Configure:
        name: Configure
        payload:
          type: object
          properties: { zone: { type: string }, id: { type: integer }, createdAt: { type: string }, b: { type: boolean } }
        examples:
          - payload: { zone: north, id: 7, createdAt: '2026-11-23T10:00:00Z', b: true }
`;

for (const backend of testBackends()) {
  describe(`publish channels on ${backend.name}`, { skip: backend.skip ?? false }, () => {
    let database: Database;

    before(async () => {
      database = await backend.open();
      for (const raw of [await readExample('ecommerce-orders.yaml'), await readExample('versions/ecommerce-orders-1.1.0.yaml'), mixed]) {
        assert.equal((await storeDocument(database.prisma, raw)).status, 'created');
      }
    });
    after(() => database?.close());

    test('lists the latest version of each document, by title, its channels with an address, by address', async () => {
      const groups = await listPublishChannels(database.prisma);
      assert.deepEqual(
        groups.map((g) => [g.title, g.version]),
        [
          ['E-commerce Order Events', '1.1.0'],
          ['Mixed Channels', '1.0.0'],
        ],
      );
      assert.deepEqual(
        groups[0]?.channels.map((c) => c.address),
        ['orderCancelled', 'orderCreated', 'orderShipped', 'paymentProcessed'],
      );
      assert.deepEqual(groups[1]?.channels, [
        {
          key: 'commands',
          address: 'device/{deviceId}/commands',
          description: null,
          parameters: ['deviceId'],
          messages: [
            { key: 'Reboot', name: 'Reboot', title: null },
            { key: 'Rename', name: 'Rename', title: null },
            { key: 'Configure', name: 'Configure', title: null },
          ],
        },
      ]);
    });

    test('one channel comes with its parameters and every message, in document order, with schemas and examples', async () => {
      const channel = await getPublishChannel(database.prisma, 'mixed-channels', '1.0.0', 'commands');
      assert.equal(channel.address, 'device/{deviceId}/commands');
      assert.deepEqual(
        channel.parameters.map((p) => [p.name, p.description]),
        [['deviceId', 'The device.']],
      );
      assert.deepEqual(
        channel.messages.map((m) => [m.key, m.examples]),
        [
          ['Reboot', []],
          ['Rename', [{ name: 'kitchen' }]],
          ['Configure', [{ zone: 'north', id: 7, createdAt: '2026-11-23T10:00:00Z', b: true }]],
        ],
      );
      assert.deepEqual(channel.messages[0]?.payload, {
        type: 'object',
        required: ['delay'],
        properties: { delay: { type: 'integer', minimum: 0 } },
      });
      const configure = channel.messages[2];
      const properties = (configure?.payload as { properties: Record<string, unknown> }).properties;
      assert.deepEqual(Object.keys(properties), ['zone', 'id', 'createdAt', 'b'], 'payload properties keep the order the author wrote');
      assert.deepEqual(Object.keys(configure?.examples[0] as object), ['zone', 'id', 'createdAt', 'b'], 'examples keep their key order');
      const older = await getPublishChannel(database.prisma, 'e-commerce-order-events', '1.0.0', 'orderCreated');
      assert.equal(older.version, '1.0.0', 'any registered version can be asked for');
    });

    test('an unknown version or channel is a NotFoundError naming it', async () => {
      await assert.rejects(getPublishChannel(database.prisma, 'mixed-channels', '2.0.0', 'commands'), (error: unknown) => {
        assert.ok(error instanceof NotFoundError);
        assert.match(error.message, /Version 2\.0\.0 of "mixed-channels" was not found/);
        return true;
      });
      await assert.rejects(
        getPublishChannel(database.prisma, 'mixed-channels', '1.0.0', 'nope'),
        /Channel "nope" of "mixed-channels" 1\.0\.0 was not found/,
      );
    });
  });
}
