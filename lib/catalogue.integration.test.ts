import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { validateDocument } from '../asyncapi/validate.ts';
import { createCatalogue, type Catalogue } from './catalogue.ts';
import type { Database } from '../prisma/db.ts';
import { tableCounts, testBackends, type TestBackend } from '../testing/databases.ts';
import { readExample as example } from '../testing/examples.ts';
import { registerVersion } from '../prisma/store/register.ts';

const minimal = (title: string, version: string): string =>
  `asyncapi: 3.0.0\ninfo:\n  title: ${JSON.stringify(title)}\n  version: ${version}\nchannels:\n  ping:\n    address: ping\n    messages:\n      Ping:\n        payload:\n          type: object\n`;
// Long titles that differ only past the 80th character of their slug.
const LONG = 'Events of the warehouse management system for the northern distribution centre in Rotterdam';

/** A catalogue on a new, empty database of `backend`. */
async function openCatalogue(backend: TestBackend): Promise<{ database: Database; catalogue: Catalogue }> {
  const database = await backend.open();
  return { database, catalogue: createCatalogue({ db: database.prisma, validator: { validate: validateDocument } }) };
}

for (const backend of testBackends()) {
  describe(`catalogue store on ${backend.name}`, { skip: backend.skip ?? false }, () => {
    let database: Database;
    let catalogue: Catalogue;
    before(async () => ({ database, catalogue } = await openCatalogue(backend)));
    after(() => database?.close());

    test('registers a document with all it declares', async () => {
      const result = await catalogue.register(await example('ecommerce-orders.yaml'));
      assert.deepEqual(
        { status: result.status, slug: result.slug, version: result.version },
        {
          status: 'created',
          slug: 'e-commerce-order-events',
          version: '1.0.0',
        },
      );
      const detail = await catalogue.getDocument('e-commerce-order-events');
      assert.equal(detail.latest.raw, await example('ecommerce-orders.yaml'));
      const orderCreated = detail.latest.channels.find((c) => c.address === 'orderCreated');
      assert.ok(orderCreated, 'orderCreated channel stored');
      assert.ok(orderCreated.messages.length > 0);
      assert.ok(orderCreated.messages[0]?.payload, 'payload schema stored');
      assert.ok(orderCreated.messages[0]?.examples.length, 'examples stored');
      assert.ok(detail.latest.servers.some((s) => s.protocol === 'redis'));
      assert.ok(detail.latest.channels.flatMap((c) => c.operations).length > 0, 'operations stored');
    });

    test('identical content again is unchanged and adds no version', async () => {
      const before = await tableCounts(database);
      const result = await catalogue.register(await example('ecommerce-orders.yaml'));
      assert.equal(result.status, 'unchanged');
      assert.deepEqual(await tableCounts(database), before);
    });

    test('the same version with other content is a conflict and changes nothing', async () => {
      const before = await tableCounts(database);
      const changed = (await example('ecommerce-orders.yaml')).replace(/\n$/, '\n# a comment changes the content\n');
      await assert.rejects(catalogue.register(changed), (error: Error) => {
        assert.equal(error.name, 'VersionConflictError');
        assert.match(error.message, /Bump info\.version/);
        return true;
      });
      assert.deepEqual(await tableCounts(database), before);
    });

    test('an invalid document is refused with its diagnostics and every table is unchanged', async () => {
      const before = await tableCounts(database);
      await assert.rejects(catalogue.register(await example('invalid/missing-info.yaml')), (error: Error & { diagnostics?: unknown[] }) => {
        assert.equal(error.name, 'DocumentInvalidError');
        assert.ok((error.diagnostics ?? []).length > 0);
        return true;
      });
      assert.deepEqual(await tableCounts(database), before);
    });

    test('a write that fails half-way is rolled back whole', async () => {
      const raw = await example('greenhouse-sensors.yaml');
      const result = await validateDocument(raw);
      assert.ok(result.valid);
      const before = await tableCounts(database);
      const broken = {
        ...result.document,
        messages: [...result.document.messages, { ...result.document.messages[0]!, channelKey: 'no-such-channel' }],
      };
      await assert.rejects(
        registerVersion(database.prisma, { raw, contentHash: 'x', format: 'yaml', document: broken, warnings: [] }),
        /unknown channel no-such-channel/,
      );
      assert.deepEqual(await tableCounts(database), before);
    });

    test('a new version joins the history and becomes the latest', async () => {
      const result = await catalogue.register(await example('versions/ecommerce-orders-1.1.0.yaml'));
      assert.equal(result.status, 'created');
      const detail = await catalogue.getDocument('e-commerce-order-events');
      assert.deepEqual(
        detail.versions.map((v) => v.version),
        ['1.1.0', '1.0.0'],
      );
      assert.equal(detail.latest.version, '1.1.0');
      const old = await catalogue.getVersion('e-commerce-order-events', '1.0.0');
      assert.equal(old.version, '1.0.0');
      const [summary] = await catalogue.listDocuments('E-commerce');
      assert.equal(summary?.latestVersion, '1.1.0');
      assert.equal(summary?.versionCount, 2);
    });

    test('search finds titles, channel addresses, message names and payload properties', async () => {
      await catalogue.register(await example('greenhouse-sensors.yaml'));
      await catalogue.register(await example('user-signup-v2.yaml'));
      const bySku = await catalogue.listDocuments('SKU');
      assert.deepEqual(
        bySku.map((d) => d.slug),
        ['e-commerce-order-events'],
      );
      assert.ok(bySku[0]?.matches?.some((m) => m.kind === 'property' && m.text === 'sku'));
      const byAddress = await catalogue.listDocuments('sensor/{sensorId}');
      assert.equal(byAddress.length, 1);
      assert.ok(byAddress[0]?.matches?.some((m) => m.kind === 'channel' && m.text.includes('{sensorId}')));
      assert.deepEqual(await catalogue.listDocuments('%'), [], 'LIKE wildcards are matched literally');
      assert.equal((await catalogue.listDocuments()).length, 3);
    });

    test('channels are listed across documents and searchable', async () => {
      const all = await catalogue.listChannels();
      assert.ok(all.length >= 5);
      const greenhouse = await catalogue.listChannels('greenhouse/');
      assert.ok(greenhouse.length >= 1);
      assert.ok(greenhouse.every((c) => c.slug === greenhouse[0]?.slug));
      assert.ok(greenhouse.some((c) => c.parameters.includes('zone')));
      assert.deepEqual(await catalogue.listChannels('%'), [], '% is a character to find, not a wildcard');
      assert.deepEqual(await catalogue.listChannels('order_reated'), [], '_ is a character to find, not a wildcard');
    });

    test('unknown documents and versions are not found', async () => {
      await assert.rejects(catalogue.getDocument('nope'), { name: 'NotFoundError' });
      await assert.rejects(catalogue.getVersion('e-commerce-order-events', '9.9.9'), { name: 'NotFoundError' });
    });

    test('non-Latin titles are distinct documents, each keeping its title', async () => {
      const orders = await catalogue.register(minimal('Заказы', '1.0.0'));
      const chuumon = await catalogue.register(minimal('注文', '1.0.0'));
      assert.equal(chuumon.status, 'created');
      assert.notEqual(chuumon.slug, orders.slug);
      assert.equal((await catalogue.register(minimal('注文', '2.0.0'))).slug, chuumon.slug);
      assert.deepEqual(
        (await catalogue.getDocument(orders.slug)).versions.map((v) => v.version),
        ['1.0.0'],
      );
      assert.equal((await catalogue.getDocument(orders.slug)).title, 'Заказы');
      assert.equal((await catalogue.getDocument(chuumon.slug)).title, '注文');
    });

    test('titles with the same ASCII words and different other letters are distinct documents', async () => {
      const orders = await catalogue.register(minimal('注文 API', '1.0.0'));
      const stock = await catalogue.register(minimal('在庫 API', '1.0.0'));
      assert.notEqual(orders.slug, stock.slug);
      assert.deepEqual(
        [(await catalogue.getDocument(orders.slug)).title, (await catalogue.getDocument(stock.slug)).title],
        ['注文 API', '在庫 API'],
      );
    });

    test('a document keeps the slug it was stored under when the slug rules give its title another', async () => {
      // As registered before non-ASCII titles got a hash: every such title went to 'document'.
      await database.prisma.document.create({ data: { slug: 'document', title: 'Склад' } });
      const next = await catalogue.register(minimal('Склад', '1.0.0'));
      assert.equal(next.slug, 'document');
      assert.equal((await catalogue.getDocument('document')).title, 'Склад');
      const stored = await database.prisma.document.findUnique({ where: { slug: 'document' }, select: { titleKey: true } });
      assert.equal(stored?.titleKey, 'склад', 'the registration keys it, so the next finds it by its title key');
      assert.equal((await catalogue.register(minimal('  СКЛАД ', '1.1.0'))).slug, 'document');
    });

    test('a title whose slug belongs to another title is refused, naming both, and every table is unchanged', async () => {
      const first = await catalogue.register(minimal(`${LONG} (inbound)`, '1.0.0'));
      const before = await tableCounts(database);
      for (const version of ['1.0.0', '2.0.0']) {
        await assert.rejects(
          catalogue.register(minimal(`${LONG} (outbound)`, version)),
          (error: Error & { slug?: string; title?: string; existingTitle?: string }) => {
            assert.equal(error.name, 'SlugTakenError');
            assert.deepEqual([error.slug, error.title, error.existingTitle], [first.slug, `${LONG} (outbound)`, `${LONG} (inbound)`]);
            assert.match(error.message, /\(outbound\)".*already belongs to the document ".*\(inbound\)"/);
            return true;
          },
        );
      }
      const direct = await validateDocument(minimal(`${LONG} (outbound)`, '3.0.0'));
      assert.ok(direct.valid);
      const write = registerVersion(database.prisma, {
        raw: 'r',
        contentHash: 'h',
        format: 'yaml',
        document: direct.document,
        warnings: [],
      });
      await assert.rejects(write, { name: 'SlugTakenError' }, 'the store refuses it too, without the catalogue');
      assert.deepEqual(await tableCounts(database), before);
      assert.equal((await catalogue.getDocument(first.slug)).title, `${LONG} (inbound)`);
    });

    test('the document takes the title of its latest version, not of an older one back-filled', async () => {
      const { slug } = await catalogue.register(minimal('Stock Levels', '2.0.0'));
      assert.equal((await catalogue.register(minimal(' stock  levels ', '1.0.0'))).slug, slug);
      assert.equal((await catalogue.getDocument(slug)).title, 'Stock Levels');
      assert.equal((await catalogue.getVersion(slug, '1.0.0')).title, ' stock  levels ', 'each version keeps its own title');
      await catalogue.register(minimal('STOCK LEVELS', '3.0.0'));
      assert.equal((await catalogue.getDocument(slug)).title, 'STOCK LEVELS');
      assert.equal((await catalogue.listDocuments('stock')).find((d) => d.slug === slug)?.title, 'STOCK LEVELS');
    });
  });

  // The conformance index reads the catalogue from an empty database, so it has one of its own.
  describe(`conformance index on ${backend.name}`, { skip: backend.skip ?? false }, () => {
    let database: Database;
    let catalogue: Catalogue;
    before(async () => ({ database, catalogue } = await openCatalogue(backend)));
    after(() => database?.close());

    test('lists the latest version’s channels with their payload schemas, and notifies each new version', async () => {
      let changes = 0;
      const stop = catalogue.onChange(() => (changes += 1));
      await catalogue.register(await example('ecommerce-orders.yaml'));
      await catalogue.register(await example('greenhouse-sensors.yaml'));
      await catalogue.register(await example('greenhouse-sensors.yaml'));
      assert.equal(changes, 2, 'unchanged content is no change');
      await catalogue.register(await example('versions/ecommerce-orders-1.1.0.yaml'));
      stop();
      await catalogue.register(await example('user-signup-v2.yaml'));
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
