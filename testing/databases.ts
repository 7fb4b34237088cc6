import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { contentHash } from '../asyncapi/hash.ts';
import { validateDocument } from '../asyncapi/validate.ts';
import { openDatabase, type Database, type StoreClient } from '../prisma/db.ts';
import { registerVersion, type RegisterOutcome } from '../prisma/store/register.ts';

export interface TestBackend {
  name: 'pglite' | 'postgresql';
  /** Why this backend cannot run here, or null when it can. */
  skip: string | null;
  /** A new, empty, migrated database; close() drops it. */
  open(): Promise<Database>;
}

/**
 * The two backends the store must work on: an in-memory PGlite, and a fresh database on the PostgreSQL
 * server named by TEST_DATABASE_URL (`npm test` starts one and sets it).
 */
export function testBackends(): TestBackend[] {
  const adminUrl = process.env.TEST_DATABASE_URL;
  return [
    {
      name: 'pglite',
      skip: null,
      open: async () => migrated(await openDatabase({ pgliteDir: 'memory://' })),
    },
    {
      name: 'postgresql',
      skip: adminUrl ? null : 'TEST_DATABASE_URL is not set (npm test starts a PostgreSQL and sets it)',
      open: () => openFreshPostgres(adminUrl ?? ''),
    },
  ];
}

async function migrated(database: Database): Promise<Database> {
  await database.migrate();
  return database;
}

/**
 * A new, empty PostgreSQL database on the server of `adminUrl`: its URL, and `drop` to remove it afterwards.
 * @example const fresh = await createPostgresDatabase(adminUrl, 'portal_users_cli'); after(() => fresh.drop());
 */
export async function createPostgresDatabase(adminUrl: string, prefix: string): Promise<{ url: string; drop(): Promise<void> }> {
  const name = `${prefix}_${randomBytes(6).toString('hex')}`;
  await asAdmin(adminUrl, `CREATE DATABASE ${name}`);
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return { url: url.toString(), drop: () => asAdmin(adminUrl, `DROP DATABASE IF EXISTS ${name}`) };
}

async function asAdmin(adminUrl: string, sql: string): Promise<void> {
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  try {
    await admin.query(sql);
  } finally {
    await admin.end();
  }
}

async function openFreshPostgres(adminUrl: string): Promise<Database> {
  const fresh = await createPostgresDatabase(adminUrl, 'portal_test');
  const database = await migrated(await openDatabase({ url: fresh.url }));
  return {
    ...database,
    close: async () => {
      await database.close();
      await fresh.drop();
    },
  };
}

/** Row counts of every catalogue table, to prove a failed write changed nothing. */
export async function tableCounts(database: Database): Promise<Record<string, number>> {
  const p = database.prisma;
  const [document, version, server, channel, operation, message] = await Promise.all([
    p.document.count(),
    p.documentVersion.count(),
    p.server.count(),
    p.channel.count(),
    p.operation.count(),
    p.message.count(),
  ]);
  return { document, version, server, channel, operation, message };
}

/** Stores a valid document straight through the store, as store tests set up without lib/'s catalogue and its governance. */
export async function storeDocument(db: StoreClient, raw: string): Promise<RegisterOutcome> {
  const result = await validateDocument(raw);
  if (!result.valid) throw new Error(`the test document is invalid: ${result.error}`);
  return registerVersion(db, {
    raw,
    contentHash: contentHash(raw),
    format: result.format,
    document: result.document,
    warnings: result.warnings,
  });
}
