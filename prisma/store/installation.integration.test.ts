import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { testBackends } from '../../testing/databases.ts';
import type { Database } from '../db.ts';
import { installationId } from './installation.ts';

for (const backend of testBackends()) {
  describe(`installation id on ${backend.name}`, { skip: backend.skip ?? false }, () => {
    let database: Database;
    let other: Database;

    before(async () => {
      database = await backend.open();
      other = await backend.open();
    });
    after(async () => {
      await database?.close();
      await other?.close();
    });

    test('is made once and read the same by every caller, even callers racing on first start', async () => {
      const ids = await Promise.all([installationId(database.prisma), installationId(database.prisma), installationId(database.prisma)]);
      assert.match(ids[0] ?? '', /^[0-9a-f-]{36}$/);
      assert.deepEqual(new Set(ids).size, 1);
      assert.equal(await installationId(database.prisma), ids[0]);
      assert.equal(await database.prisma.installation.count(), 1);
    });

    test('differs between databases, so portals sharing a Redis keep their own counts', async () => {
      assert.notEqual(await installationId(other.prisma), await installationId(database.prisma));
    });

    test('the table keeps one row', async () => {
      await installationId(database.prisma);
      await assert.rejects(database.prisma.installation.create({ data: { singleton: 2, id: 'another' } }));
    });
  });
}
