/**
 * `npm run db:diff`: prints the SQL of the next migration, i.e. what turns a database with every
 * existing migration applied into schema.prisma. Save it as prisma/migrations/<timestamp>_<name>/migration.sql.
 */
import { PGlite } from '@electric-sql/pglite';
import { applyMigrations } from '../migrate.ts';
import { diffSql, liveDatabaseTarget, schemaTarget } from './schema-diff.ts';

const db = new PGlite();
await applyMigrations({
  exec: async (sql) => void (await db.exec(sql)),
  query: async <T>(sql: string, params?: unknown[]) => (await db.query<T>(sql, params)).rows,
});
process.stdout.write(await diffSql(await liveDatabaseTarget(), await schemaTarget(), db));
await db.close();
