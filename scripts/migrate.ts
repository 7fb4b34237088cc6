/** `npm run db:migrate`: applies pending migrations to the configured database and exits. */
import { readEnv } from '../lib/env.ts';
import { openDatabase } from '../prisma/db.ts';

const env = readEnv();
const database = await openDatabase({ url: env.DATABASE_URL, pgliteDir: env.PGLITE_DIR });
try {
  const applied = await database.migrate();
  console.log(applied.length > 0 ? `Applied ${applied.join(', ')}` : 'The database is up to date.');
} finally {
  await database.close();
}
