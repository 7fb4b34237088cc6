import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { PGlite } from '@electric-sql/pglite';
import { applyMigrations, readMigrations, type SqlConnection } from './migrate.ts';
import { diffSql, liveDatabaseTarget, schemaTarget } from './tools/schema-diff.ts';

function connect(db: PGlite): SqlConnection {
  return {
    exec: async (sql) => void (await db.exec(sql)),
    query: async <T>(sql: string, params?: unknown[]) => (await db.query<T>(sql, params)).rows,
  };
}

describe('migrations', () => {
  test('a migrated database matches schema.prisma exactly', async () => {
    const db = new PGlite();
    await applyMigrations(connect(db));
    const sql = await diffSql(await liveDatabaseTarget(), await schemaTarget(), db);
    assert.match(sql, /empty migration/, `schema.prisma and the migrations differ; run npm run db:diff:\n${sql}`);
    await db.close();
  });

  test('records each migration as Prisma does and applies it once', async () => {
    const db = new PGlite();
    const migrations = await readMigrations();
    assert.deepEqual(
      await applyMigrations(connect(db)),
      migrations.map((m) => m.name),
    );
    assert.deepEqual(await applyMigrations(connect(db)), []);
    const rows = (
      await db.query<{ migration_name: string; checksum: string; applied_steps_count: number }>(
        'SELECT migration_name, checksum, applied_steps_count FROM _prisma_migrations ORDER BY migration_name',
      )
    ).rows;
    assert.deepEqual(
      rows,
      migrations.map((m) => ({ migration_name: m.name, checksum: m.checksum, applied_steps_count: 1 })),
    );
    assert.match(rows[0]?.checksum ?? '', /^[0-9a-f]{64}$/);
    await db.close();
  });

  test('refuses a migration edited after it was applied', async () => {
    const db = new PGlite();
    const [first] = await readMigrations();
    assert.ok(first);
    await applyMigrations(connect(db), [first]);
    const edited = { ...first, sql: `${first.sql}\n-- edited`, checksum: 'f'.repeat(64) };
    await assert.rejects(applyMigrations(connect(db), [edited]), /was changed after it was applied/);
    await db.close();
  });

  test('a failing migration leaves no trace', async () => {
    const db = new PGlite();
    const broken = {
      name: '20990101000000_broken',
      sql: 'CREATE TABLE half (id int); SELECT * FROM missing_table;',
      checksum: '0'.repeat(64),
    };
    await assert.rejects(applyMigrations(connect(db), [broken]), /20990101000000_broken failed/);
    const tables = (await db.query<{ n: number }>("SELECT count(*)::int AS n FROM pg_tables WHERE tablename = 'half'")).rows;
    assert.equal(tables[0]?.n, 0);
    const recorded = (await db.query<{ n: number }>('SELECT count(*)::int AS n FROM _prisma_migrations')).rows;
    assert.equal(recorded[0]?.n, 0);
    await db.close();
  });
});
