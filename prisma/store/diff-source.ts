import type { DiffMessage } from '../../asyncapi/diff/types.ts';
import type { StoreClient } from '../db.ts';
import { NotFoundError } from './errors.ts';
import { readJsonSchema, readPayloadFormat } from './json-columns.ts';
import { latestVersions } from './latest.ts';

/** What a diff needs of a stored version: its raw text and its messages' payload schemas. */
export interface StoredDiffSource {
  version: string;
  raw: string;
  messages: DiffMessage[];
}

/**
 * One stored version of a document, as a diff reads it.
 * @example const [from, to] = await Promise.all(['1.0.0', '1.1.0'].map((v) => getDiffSource(db, slug, v)));
 */
export async function getDiffSource(db: StoreClient, slug: string, version: string): Promise<StoredDiffSource> {
  const row = await db.documentVersion.findFirst({
    where: { document: { slug }, version },
    select: {
      version: true,
      raw: true,
      messages: {
        orderBy: { id: 'asc' },
        select: { key: true, name: true, payload: true, payloadFormat: true, channel: { select: { key: true } } },
      },
    },
  });
  if (!row) throw new NotFoundError(`Version ${version} of "${slug}"`);
  return {
    version: row.version,
    raw: row.raw,
    messages: row.messages.map((m) => ({
      channelKey: m.channel.key,
      key: m.key,
      name: m.name,
      payload: readJsonSchema(m.payload),
      payloadFormat: readPayloadFormat(m.payloadFormat),
    })),
  };
}

/** The latest version of a document (by semantic version) as a diff reads it, or null for a new document. */
export async function latestDiffSource(db: StoreClient, slug: string): Promise<StoredDiffSource | null> {
  const [latest] = await latestVersions(db, slug);
  return latest ? getDiffSource(db, slug, latest.version) : null;
}
