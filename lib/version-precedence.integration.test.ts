import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { validateDocument } from '../asyncapi/validate.ts';
import { createCatalogue, type Catalogue } from './catalogue.ts';
import { errorResponse } from './http.ts';
import type { Database } from '../prisma/db.ts';
import { storeDocument, tableCounts, testBackends } from '../testing/databases.ts';

const SLUG = 'versioned-orders';

/** A document of `title` at `version`; `breaking` drops the `total` property, a breaking change against the full one. */
const versioned = (version: string, { breaking = false, title = 'Versioned Orders' } = {}): string =>
  [
    'asyncapi: 3.0.0',
    'info:',
    `  title: ${title}`,
    `  version: ${JSON.stringify(version)}`,
    'channels:',
    '  orders:',
    '    address: orders',
    '    messages:',
    '      OrderPlaced:',
    '        payload:',
    '          type: object',
    '          properties:',
    '            id:',
    '              type: string',
    ...(breaking ? [] : ['            total:', '              type: number']),
    '',
  ].join('\n');

type Refusal = Error & { existingVersion?: string; version?: string; diagnostics?: { path: string; message: string }[] };

for (const backend of testBackends()) {
  describe(`version precedence on ${backend.name}`, { skip: backend.skip ?? false }, () => {
    let database: Database;
    let catalogue: Catalogue;

    before(async () => {
      database = await backend.open();
      catalogue = createCatalogue({ db: database.prisma, validator: { validate: validateDocument } });
      assert.equal((await catalogue.register(versioned('1.0.0'))).status, 'created');
    });
    after(() => database?.close());

    test('a version of equal precedence to a registered one is a 409 naming it, forced or not, and nothing is stored', async () => {
      const counts = await tableCounts(database);
      for (const version of ['v1.0.0', '1.0.0+build', 'v1.0.0+build.7']) {
        for (const force of [false, true]) {
          const error = await catalogue.register(versioned(version, { breaking: true }), { force }).catch((e: unknown) => e as Refusal);
          assert.ok(error instanceof Error, `${version} was registered`);
          assert.deepEqual([error.name, error.version, error.existingVersion], ['EquivalentVersionError', version, '1.0.0'], version);
          assert.match(error.message, new RegExp(`${version.replace(/[.+]/g, '\\$&')} of "${SLUG}" has the same precedence as 1\\.0\\.0`));
          const response = errorResponse(error);
          assert.equal(response.status, 409);
          assert.deepEqual(Object.keys((await response.json()) as object), ['error', 'slug', 'version', 'existingVersion']);
        }
      }
      assert.deepEqual(await tableCounts(database), counts);
    });

    test('leading zeros are not SemVer: a 422 on info.version that says how to write it, and nothing is stored', async () => {
      const counts = await tableCounts(database);
      for (const [version, canonical] of [
        ['01.0.0', '1.0.0'],
        ['1.00.0', '1.0.0'],
        ['1.0.00', '1.0.0'],
        ['1.1.0-rc.01', '1.1.0-rc.1'],
      ] as const) {
        const error = await catalogue.register(versioned(version, { breaking: true })).catch((e: unknown) => e as Refusal);
        assert.ok(error instanceof Error, `${version} was registered`);
        assert.equal(error.name, 'DocumentInvalidError', version);
        assert.match(error.message, new RegExp(`leading zeros .*write ${canonical.replace(/\./g, '\\.')}\\.$`), version);
        assert.deepEqual(
          error.diagnostics?.map((d) => d.path),
          ['info.version'],
        );
        assert.equal(errorResponse(error).status, 422);
      }
      assert.deepEqual(await tableCounts(database), counts);
    });

    test('a version that is not semantic is a 422 on info.version, and nothing is stored', async () => {
      const counts = await tableCounts(database);
      for (const version of ['XYZ', '10', '9', '1.1', 'latest']) {
        const error = await catalogue.register(versioned(version, { breaking: true })).catch((e: unknown) => e as Refusal);
        assert.ok(error instanceof Error, `${version} was registered`);
        assert.equal(error.name, 'DocumentInvalidError', version);
        assert.match(error.message, /is not a semantic version: write MAJOR\.MINOR\.PATCH/);
        assert.equal(errorResponse(error).status, 422);
      }
      assert.deepEqual(await tableCounts(database), counts);
    });

    test('the list and the document page agree on the latest, and a later 1.1.0 is checked against it', async () => {
      assert.equal((await catalogue.listDocuments()).find((d) => d.slug === SLUG)?.latestVersion, '1.0.0');
      const detail = await catalogue.getDocument(SLUG);
      assert.deepEqual([detail.latest.version, detail.versions.map((v) => v.version)], ['1.0.0', ['1.0.0']]);
      await assert.rejects(catalogue.register(versioned('1.1.0', { breaking: true })), {
        name: 'BreakingChangesError',
        latestVersion: '1.0.0',
      });
      assert.equal((await catalogue.register(versioned('1.1.0'))).status, 'created');
    });

    test('of two versions of equal precedence stored at once, one is stored and the other refused under the lock', async () => {
      const title = 'Concurrent Orders';
      const versions = ['2.0.0', '2.0.0+build'];
      const outcomes = await Promise.allSettled(versions.map((version) => storeDocument(database.prisma, versioned(version, { title }))));
      const stored = outcomes.flatMap((o, i) => (o.status === 'fulfilled' ? [versions[i]] : []));
      const refused = outcomes.flatMap((o) => (o.status === 'rejected' ? [o.reason as Refusal] : []));
      assert.equal(stored.length, 1, `exactly one is stored, not ${stored.join(' and ') || 'none'}`);
      assert.deepEqual(
        refused.map((e) => [e.name, e.existingVersion]),
        [['EquivalentVersionError', stored[0]]],
      );
      assert.deepEqual(
        (await catalogue.getDocument('concurrent-orders')).versions.map((v) => v.version),
        stored,
      );
    });
  });
}
