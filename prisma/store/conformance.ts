import type { LifecycleStatus } from '../../asyncapi/lifecycle.ts';
import type { JsonSchema, PayloadFormat } from '../../asyncapi/types.ts';
import type { StoreClient } from '../db.ts';
import { readJsonSchema, readParameters, readPayloadFormat } from './json-columns.ts';
import { latestVersions } from './latest.ts';
import { lifecycleStatus } from './lifecycle.ts';

/** One message a catalogued channel carries, with its id (unique per version) for caching its checker. */
export interface IndexedMessage {
  id: number;
  key: string;
  payload: JsonSchema | null;
  /** Its format when not JSON Schema (absent or null: JSON Schema): one the portal does not read leaves it unchecked. */
  payloadFormat?: PayloadFormat | null;
  /** Its content type: with a binary Avro one (`avro/binary`), payloads are bytes decoded with the Avro schema. */
  contentType?: string | null;
}

/** One channel of a document's latest version, as live conformance checks need it. */
export interface IndexedChannel {
  slug: string;
  version: string;
  title: string;
  /** The version's lifecycle status: traffic on a deprecated or retired version is flagged. */
  status: LifecycleStatus;
  channelKey: string;
  address: string | null;
  /** The address parameters with their schemas, which a concrete channel's values must satisfy. */
  parameters: { name: string; schema: JsonSchema | null }[];
  messages: IndexedMessage[];
}

/**
 * Every channel of every document's latest version with its messages' payload schemas, in a stable order
 * (by slug, then declaration order): one query for the latest versions, one for their channels.
 * @example const channels = await listIndexedChannels(db);
 */
export async function listIndexedChannels(db: StoreClient): Promise<IndexedChannel[]> {
  const latest = await latestVersions(db);
  const rows = await db.channel.findMany({
    where: { versionId: { in: latest.map((l) => l.id) } },
    orderBy: { id: 'asc' },
    select: {
      key: true,
      address: true,
      parameters: true,
      docVersion: { select: { version: true, title: true, status: true, document: { select: { slug: true } } } },
      messages: { select: { id: true, key: true, contentType: true, payload: true, payloadFormat: true }, orderBy: { id: 'asc' } },
    },
  });
  return rows
    .map((row) => ({
      slug: row.docVersion.document.slug,
      version: row.docVersion.version,
      title: row.docVersion.title,
      status: lifecycleStatus(row.docVersion.status),
      channelKey: row.key,
      address: row.address,
      parameters: readParameters(row.parameters).map(({ name, schema }) => ({ name, schema })),
      messages: row.messages.map((m) => ({
        id: m.id,
        key: m.key,
        contentType: m.contentType,
        payload: readJsonSchema(m.payload),
        payloadFormat: readPayloadFormat(m.payloadFormat),
      })),
    }))
    .sort((a, b) => (a.slug < b.slug ? -1 : a.slug > b.slug ? 1 : 0));
}
