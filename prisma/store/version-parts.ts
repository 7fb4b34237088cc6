import type { NormalisedDocument } from '../../asyncapi/types.ts';
import type { Prisma } from '../generated/client.ts';

/**
 * A version's servers, channels, operations and messages as one JSON parameter: one statement stores them all.
 * Per-table `createMany` calls cost a query plan per call (their shape depends on the row count) and a round trip
 * each; on the embedded database they were most of a registration's time on the event loop.
 */
interface VersionParts {
  servers: NormalisedDocument['servers'];
  channels: { key: string; address: string | null; description: string | null; parameters: unknown }[];
  operations: { channelKey: string; key: string; action: string; summary: string | null; messageKeys: string[] }[];
  messages: {
    channelKey: string;
    key: string;
    name: string | null;
    title: string | null;
    summary: string | null;
    contentType: string | null;
    payload: unknown;
    payloadFormat: unknown;
    examples: unknown;
    payloadProperties: string[];
  }[];
}

/**
 * Inserts a stored version's parts in one statement. Each part keeps its order in the document (ids follow it:
 * pages list parts by id); operations and messages find their channel by key, so a key no channel has is refused
 * here rather than dropped by the join.
 */
export async function insertVersionParts(tx: Prisma.TransactionClient, versionId: number, doc: NormalisedDocument): Promise<void> {
  const channelKeys = new Set(doc.channels.map((c) => c.key));
  for (const part of [...doc.operations, ...doc.messages]) {
    if (!channelKeys.has(part.channelKey)) throw new Error(`Normalised document refers to unknown channel ${part.channelKey}`);
  }
  const parts: VersionParts = {
    servers: doc.servers,
    channels: doc.channels.map(({ key, address, description, parameters }) => ({ key, address, description, parameters })),
    operations: doc.operations.map(({ channelKey, key, action, summary, messageKeys }) => ({
      channelKey,
      key,
      action,
      summary,
      messageKeys,
    })),
    messages: doc.messages.map((m) => ({
      channelKey: m.channelKey,
      key: m.key,
      name: m.name,
      title: m.title,
      summary: m.summary,
      contentType: m.contentType,
      payload: m.payload,
      payloadFormat: m.payloadFormat,
      examples: m.examples,
      payloadProperties: m.payloadProperties,
    })),
  };
  // `json`, not `jsonb`: payloads and examples keep their key order and text as written.
  await tx.$executeRaw`
    WITH parts AS (SELECT ${JSON.stringify(parts)}::json AS j),
    servers AS (
      INSERT INTO "server" ("version_id", "name", "host", "protocol", "description")
      SELECT ${versionId}, s."name", s."host", s."protocol", s."description"
      FROM parts, ROWS FROM (json_to_recordset(parts.j -> 'servers') AS ("name" text, "host" text, "protocol" text, "description" text)) WITH ORDINALITY AS s("name", "host", "protocol", "description", n)
      ORDER BY s.n
    ),
    channels AS (
      INSERT INTO "channel" ("version_id", "key", "address", "description", "parameters")
      SELECT ${versionId}, c."key", c."address", c."description", c."parameters"::jsonb
      FROM parts, ROWS FROM (json_to_recordset(parts.j -> 'channels') AS ("key" text, "address" text, "description" text, "parameters" json)) WITH ORDINALITY AS c("key", "address", "description", "parameters", n)
      ORDER BY c.n
      RETURNING "id", "key"
    ),
    operations AS (
      INSERT INTO "operation" ("version_id", "channel_id", "key", "action", "summary", "message_keys")
      SELECT ${versionId}, channels."id", o."key", o."action", o."summary", ARRAY(SELECT json_array_elements_text(o."messageKeys"))
      FROM parts, ROWS FROM (json_to_recordset(parts.j -> 'operations') AS ("channelKey" text, "key" text, "action" text, "summary" text, "messageKeys" json)) WITH ORDINALITY AS o("channelKey", "key", "action", "summary", "messageKeys", n)
      JOIN channels ON channels."key" = o."channelKey"
      ORDER BY o.n
    )
    INSERT INTO "message" ("version_id", "channel_id", "key", "name", "title", "summary", "content_type", "payload", "payload_format", "examples", "payload_properties")
    SELECT ${versionId}, channels."id", m."key", m."name", m."title", m."summary", m."contentType", m."payload", m."payloadFormat", m."examples",
      ARRAY(SELECT json_array_elements_text(m."payloadProperties"))
    FROM parts, ROWS FROM (json_to_recordset(parts.j -> 'messages') AS ("channelKey" text, "key" text, "name" text, "title" text, "summary" text, "contentType" text, "payload" json, "payloadFormat" json, "examples" json, "payloadProperties" json)) WITH ORDINALITY AS m("channelKey", "key", "name", "title", "summary", "contentType", "payload", "payloadFormat", "examples", "payloadProperties", n)
    JOIN channels ON channels."key" = m."channelKey"
    ORDER BY m.n`;
}
