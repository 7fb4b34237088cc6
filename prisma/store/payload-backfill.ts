import type { PayloadFormat, JsonSchema } from '../../asyncapi/types.ts';
import type { StoreClient } from '../db.ts';
import { Prisma } from '../generated/client.ts';
import { jsonColumn } from './json-columns.ts';

/** A stored version's text and its messages stored without a payload format: each a candidate for one. */
export interface PayloadBackfillSource {
  id: number;
  raw: string;
  messages: { id: number; channelKey: string; key: string }[];
}

/** A message's payload as registration derives it today (asyncapi/payload-format.ts). */
export interface DerivedPayload {
  payload: JsonSchema | null;
  payloadFormat: PayloadFormat;
  payloadProperties: string[];
}

// Only a payload written with a `schemaFormat` has a format: a version whose text never names one has nothing to fill.
const NAMES_A_FORMAT = { raw: { contains: 'schemaFormat' } } satisfies Prisma.DocumentVersionWhereInput;
const WITHOUT_FORMAT = { payloadFormat: { equals: Prisma.DbNull } } satisfies Prisma.MessageWhereInput;

/**
 * The ids of versions after `afterId`, in order, at most `limit`, whose text names a `schemaFormat` and that have a
 * message stored without a payload format: those registered before `message.payload_format` existed, and versions
 * whose formatted payloads are all JSON Schema.
 * @example for (let ids = await payloadBackfillBatch(db, 0, 100); ids.length > 0; ids = await payloadBackfillBatch(db, ids.at(-1)!, 100))
 */
export async function payloadBackfillBatch(db: StoreClient, afterId: number, limit: number): Promise<number[]> {
  const rows = await db.documentVersion.findMany({
    where: { id: { gt: afterId }, ...NAMES_A_FORMAT, messages: { some: WITHOUT_FORMAT } },
    select: { id: true },
    orderBy: { id: 'asc' },
    take: limit,
  });
  return rows.map((row) => row.id);
}

/** One version's text and its messages without a payload format, or null when it has gone since its id was listed. */
export async function payloadBackfillSource(db: StoreClient, id: number): Promise<PayloadBackfillSource | null> {
  const row = await db.documentVersion.findUnique({
    where: { id },
    select: { raw: true, messages: { where: WITHOUT_FORMAT, select: { id: true, key: true, channel: { select: { key: true } } } } },
  });
  if (!row) return null;
  return { id, raw: row.raw, messages: row.messages.map((m) => ({ id: m.id, channelKey: m.channel.key, key: m.key })) };
}

/**
 * Writes each message's derived payload, format and searched properties in one transaction, only while the message
 * still has no format, so a run that overlaps another (two instances starting) writes each once. Returns how many changed.
 */
export async function fillPayloadFormats(db: StoreClient, filled: ReadonlyMap<number, DerivedPayload>): Promise<number> {
  const updates = [...filled].map(([id, derived]) =>
    db.message.updateMany({
      where: { id, ...WITHOUT_FORMAT },
      data: {
        payload: derived.payload === null ? Prisma.DbNull : jsonColumn(derived.payload),
        payloadFormat: jsonColumn(derived.payloadFormat),
        payloadProperties: derived.payloadProperties,
      },
    }),
  );
  const results = await db.$transaction(updates);
  return results.reduce((sum, result) => sum + result.count, 0);
}

/** Whether the backfill of this name has run to its end on this database. */
export async function hasBackfilled(db: StoreClient, name: string): Promise<boolean> {
  return (await db.dataBackfill.count({ where: { name } })) > 0;
}

/** Records that the backfill of this name has run to its end; a second record of it (another instance's) is kept as the first. */
export async function recordBackfill(db: StoreClient, name: string): Promise<void> {
  await db.dataBackfill.createMany({ data: [{ name }], skipDuplicates: true });
}
