import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { readExample } from '../testing/examples.ts';
import { validateDocument } from '../asyncapi/validate.ts';
import { createCatalogue, type Catalogue } from './catalogue.ts';
import type { Database } from '../prisma/db.ts';
import { testBackends } from '../testing/databases.ts';

for (const backend of testBackends()) {
  describe(`conformance index on ${backend.name}`, { skip: backend.skip ?? false }, () => {
    let database: Database;
    let catalogue: Catalogue;

    before(async () => {
      database = await backend.open();
      catalogue = createCatalogue({ db: database.prisma, validator: { validate: validateDocument } });
    });
    after(() => database?.close());

    test('lists the latest version’s channels with their payload schemas, and notifies each new version', async () => {
      let changes = 0;
      const stop = catalogue.onChange(() => (changes += 1));
      await catalogue.register(await readExample('ecommerce-orders.yaml'));
      await catalogue.register(await readExample('greenhouse-sensors.yaml'));
      await catalogue.register(await readExample('greenhouse-sensors.yaml'));
      assert.equal(changes, 2, 'unchanged content is no change');
      await catalogue.register(await readExample('versions/ecommerce-orders-1.1.0.yaml'));
      stop();
      await catalogue.register(await readExample('user-signup-v2.yaml'));
      assert.equal(changes, 3, 'no notification after unsubscribing');

      const channels = await catalogue.indexedChannels();
      const orders = channels.filter((c) => c.slug === 'e-commerce-order-events');
      assert.ok(orders.length > 0 && orders.every((c) => c.version === '1.1.0'), 'only the latest version');
      const reading = channels.find((c) => c.channelKey === 'sensorReading');
      assert.equal(reading?.address, 'greenhouse/{zone}/sensor/{sensorId}/reading');
      assert.equal(reading?.title, 'Greenhouse Sensors');
      assert.deepEqual(
        reading?.parameters.map((p) => p.name),
        ['zone', 'sensorId'],
      );
      assert.deepEqual((reading?.parameters[0]?.schema as { enum?: string[] }).enum, ['north', 'south', 'east', 'west']);
      assert.deepEqual((reading?.messages[0]?.payload as { required?: string[] }).required, ['sensorId', 'measuredAt']);
      assert.ok(channels.some((c) => c.address === 'user/{userId}/signedup'));
      assert.deepEqual([...new Set(channels.map((c) => c.slug))], ['e-commerce-order-events', 'greenhouse-sensors', 'user-accounts']);
    });
  });
}
