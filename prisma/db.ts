import { mkdir } from 'node:fs/promises';
import { PGlite } from '@electric-sql/pglite';
import { PrismaPGlite } from 'pglite-prisma-adapter';
import { PrismaPg } from '@prisma/adapter-pg';
import pg from 'pg';
import { lockPgliteDir } from './pglite-lock.ts';
import { PrismaClient } from './generated/client.ts';
import { applyMigrations, type SqlConnection } from './migrate.ts';

/** The client the store's queries run on (`database.prisma`); tests and scripts pass any PrismaClient. */
export type StoreClient = PrismaClient;

/** An opened catalogue database: its client, and the migrations and shutdown that go with the engine behind it. */
export interface Database {
  prisma: StoreClient;
  /** Which engine serves the catalogue, for the health report. */
  kind: 'pglite' | 'postgresql';
  /** Applies pending migrations; returns their names. */
  migrate(): Promise<string[]>;
  close(): Promise<void>;
}

export interface DatabaseOptions {
  /** A postgres:// URL; when absent the embedded PGlite database is used. */
  url?: string;
  /** PGlite's data folder, or `memory://` for a throwaway database. */
  pgliteDir?: string;
  /** How long a new PostgreSQL connection may take before the query fails (a host that drops packets would hang it); 5 s. */
  connectTimeoutMs?: number;
}

/**
 * Opens the catalogue database: PostgreSQL when a URL is given, otherwise PGlite in this process.
 * @example const db = await openDatabase({ pgliteDir: '.data/pglite' }); await db.migrate();
 */
export async function openDatabase(options: DatabaseOptions): Promise<Database> {
  return options.url ? openPostgres(options.url, options.connectTimeoutMs ?? 5_000) : openPglite(options.pgliteDir ?? 'memory://');
}

async function openPglite(dir: string): Promise<Database> {
  const inMemory = dir.startsWith('memory://');
  if (!inMemory) await mkdir(dir, { recursive: true });
  const release = inMemory ? () => {} : lockPgliteDir(dir);
  const client = await PGlite.create(dir).catch((error: unknown) => {
    release();
    throw error;
  });
  const prisma = new PrismaClient({ adapter: new PrismaPGlite(client) });
  const connection: SqlConnection = {
    exec: async (sql) => void (await client.exec(sql)),
    query: async <T>(sql: string, params?: unknown[]) => (await client.query<T>(sql, params)).rows,
  };
  return {
    prisma,
    kind: 'pglite',
    migrate: () => applyMigrations(connection),
    close: async () => {
      await prisma.$disconnect();
      await client.close();
      release();
    },
  };
}

function openPostgres(url: string, connectTimeoutMs: number): Database {
  const pool = new pg.Pool({ connectionString: url, max: 10, connectionTimeoutMillis: connectTimeoutMs });
  const prisma = new PrismaClient({ adapter: new PrismaPg(pool) });
  return {
    prisma,
    kind: 'postgresql',
    migrate: async () => {
      const client = await pool.connect();
      try {
        return await applyMigrations({
          exec: async (sql) => void (await client.query(sql)),
          query: async <T>(sql: string, params?: unknown[]) => (await client.query(sql, params)).rows as T[],
        });
      } finally {
        client.release();
      }
    },
    close: async () => {
      await prisma.$disconnect();
      await pool.end();
    },
  };
}
