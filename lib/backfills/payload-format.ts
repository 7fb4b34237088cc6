import type { StoreClient } from '../../prisma/db.ts';
import {
  fillPayloadFormats,
  hasBackfilled,
  payloadBackfillBatch,
  payloadBackfillSource,
  recordBackfill,
  type DerivedPayload,
  type PayloadBackfillSource,
} from '../../prisma/store/payload-backfill.ts';
import type { DocumentValidator } from '../governance.ts';

/** The name the backfill is recorded under in `data_backfill`. */
export const PAYLOAD_FORMAT_BACKFILL = 'message.payload_format';

/** Versions listed per query: their ids only; each version's text is read and parsed one at a time. */
const BATCH_SIZE = 100;

export interface PayloadFormatBackfill {
  /** True when it had run before: nothing was read. */
  alreadyDone: boolean;
  /** Versions whose text was parsed again. */
  versions: number;
  /** Messages given their payload format (with the payload and searched properties derived with it). */
  messages: number;
  /** Versions whose stored text no longer validates, left as they are: `id: reason`. */
  unreadable: string[];
}

/**
 * Fills `message.payload_format` for versions stored before the column existed, from each version's stored text
 * parsed again as registration parses it: the payload's format and schema as written, with the converted JSON
 * Schema the payload column should hold (such rows hold the schema as written, or a 3.x Multi Format Schema's
 * wrapper) and the property names search reads. A message whose payload is JSON Schema keeps no format. Runs once
 * per database (recorded in `data_backfill`), a batch of version ids at a time; an interrupted run starts again and
 * skips what it filled.
 * @example const { messages } = await backfillPayloadFormats(database.prisma, { validate: validateDocument });
 */
export async function backfillPayloadFormats(
  db: StoreClient,
  validator: DocumentValidator,
  { batchSize = BATCH_SIZE }: { batchSize?: number } = {},
): Promise<PayloadFormatBackfill> {
  const outcome: PayloadFormatBackfill = { alreadyDone: false, versions: 0, messages: 0, unreadable: [] };
  if (await hasBackfilled(db, PAYLOAD_FORMAT_BACKFILL)) return { ...outcome, alreadyDone: true };
  // Versions left unchanged match again, so the cursor moves past each batch rather than re-reading from the start.
  for (
    let ids = await payloadBackfillBatch(db, 0, batchSize);
    ids.length > 0;
    ids = await payloadBackfillBatch(db, ids.at(-1)!, batchSize)
  ) {
    for (const id of ids) {
      const source = await payloadBackfillSource(db, id);
      if (!source) continue;
      outcome.versions += 1;
      const derived = await derivePayloads(validator, source).catch((error: unknown) =>
        String(error instanceof Error ? error.message : error),
      );
      if (typeof derived === 'string') outcome.unreadable.push(`${id}: ${derived}`);
      else outcome.messages += await fillPayloadFormats(db, derived);
    }
  }
  await recordBackfill(db, PAYLOAD_FORMAT_BACKFILL);
  return outcome;
}

/** Each stored message's payload as registration derives it now, for those that have a format; or why the text no longer validates. */
async function derivePayloads(validator: DocumentValidator, source: PayloadBackfillSource): Promise<Map<number, DerivedPayload> | string> {
  const result = await validator.validate(source.raw);
  if (!result.valid) return result.error;
  const normalised = new Map(result.document.messages.map((m) => [`${m.channelKey}\n${m.key}`, m]));
  const derived = new Map<number, DerivedPayload>();
  for (const stored of source.messages) {
    const message = normalised.get(`${stored.channelKey}\n${stored.key}`);
    if (message?.payloadFormat)
      derived.set(stored.id, {
        payload: message.payload,
        payloadFormat: message.payloadFormat,
        payloadProperties: message.payloadProperties,
      });
  }
  return derived;
}

/**
 * One line on what the backfill did, for the migrate step and the server's log.
 * @example describePayloadFormatBackfill(outcome) // 'Payload formats: 2 messages of 3 versions filled.'
 */
export function describePayloadFormatBackfill({ alreadyDone, versions, messages, unreadable }: PayloadFormatBackfill): string {
  if (alreadyDone) return 'Payload formats: filled before.';
  const filled = `Payload formats: ${messages} message${messages === 1 ? '' : 's'} of ${versions} version${versions === 1 ? '' : 's'} filled`;
  return unreadable.length === 0 ? `${filled}.` : `${filled}; left as stored, as their text no longer validates: ${unreadable.join('; ')}.`;
}
