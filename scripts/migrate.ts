/**
 * `npm run db:migrate`: applies pending migrations to the configured database, then fills what rows stored before a
 * migration's column need (scripts/backfill-payload-format.ts), and exits.
 */
import { readEnv } from '../lib/env.ts';
import { openDatabase } from '../prisma/db.ts';
import { backfillPayloadFormatStep } from './backfill-payload-format.ts';

const env = readEnv();
const database = await openDatabase({ url: env.DATABASE_URL, pgliteDir: env.PGLITE_DIR });
try {
  const applied = await database.migrate();
  console.log(applied.length > 0 ? `Applied ${applied.join(', ')}` : 'The database is up to date.');
  console.log(await backfillPayloadFormatStep(database.prisma));
} finally {
  await database.close();
}
