/**
 * The migrate step's backfill (`npm run db:migrate`, scripts/migrate.ts): fills `message.payload_format` for
 * versions stored before the column existed (lib/backfills/payload-format.ts), once per database. The server's start
 * runs the same backfill through its parse worker, for PGlite, which no other process may open while it runs.
 */
import { backfillPayloadFormats, describePayloadFormatBackfill } from '../lib/backfills/payload-format.ts';
import type { StoreClient } from '../prisma/db.ts';

/**
 * Runs the backfill on a migrated database and says what it did in a line. The parser takes a second to load:
 * only a backfill with versions to read loads it.
 * @example console.log(await backfillPayloadFormatStep(database.prisma));
 */
export async function backfillPayloadFormatStep(db: StoreClient): Promise<string> {
  const validate = async (raw: string) => (await import('../asyncapi/validate.ts')).validateDocument(raw);
  return describePayloadFormatBackfill(await backfillPayloadFormats(db, { validate }));
}
