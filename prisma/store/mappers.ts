import type { Prisma } from '../generated/client.ts';
import type { StoredActor } from './audit.ts';
import { readChanges, readDiagnostics, readExamples, readJsonSchema, readParameters, readPayloadFormat } from './json-columns.ts';
import { lifecycleStatus } from './lifecycle.ts';
import type { ChannelDetail, ChannelListing, DocumentSummary, MessageDetail, SearchMatch, VersionDetail, VersionSummary } from './types.ts';

/**
 * The one place each stored model becomes its domain object: queries that return a model select its columns
 * with the `*_COLUMNS` here and map the row with its `to*`. Narrower views (the conformance index, the publish
 * channel list, the diff source) select what they need themselves, but read JSON columns through the same
 * typed readers.
 */
const byId = { orderBy: { id: 'asc' } } as const;

export const MESSAGE_COLUMNS = {
  key: true,
  name: true,
  title: true,
  summary: true,
  contentType: true,
  payload: true,
  payloadFormat: true,
  examples: true,
} satisfies Prisma.MessageSelect;

export function toMessage(row: Prisma.MessageGetPayload<{ select: typeof MESSAGE_COLUMNS }>): MessageDetail {
  const { key, name, title, summary, contentType } = row;
  return {
    key,
    name,
    title,
    summary,
    contentType,
    payload: readJsonSchema(row.payload),
    payloadFormat: readPayloadFormat(row.payloadFormat),
    examples: readExamples(row.examples),
  };
}

const CHANNEL_COLUMNS = {
  key: true,
  address: true,
  description: true,
  parameters: true,
  messages: { select: MESSAGE_COLUMNS, ...byId },
  operations: { select: { key: true, action: true, summary: true }, ...byId },
} satisfies Prisma.ChannelSelect;

export function toChannel(row: Prisma.ChannelGetPayload<{ select: typeof CHANNEL_COLUMNS }>): ChannelDetail {
  return {
    key: row.key,
    address: row.address,
    description: row.description,
    parameters: readParameters(row.parameters),
    messages: row.messages.map(toMessage),
    operations: row.operations.map((o) => ({ key: o.key, action: o.action, summary: o.summary, channelKey: row.key })),
  };
}

const REGISTERED_BY_COLUMNS = {
  registeredByKind: true,
  registeredById: true,
  registeredByName: true,
} satisfies Prisma.DocumentVersionSelect;

/** Who registered a version, or null for one stored before the audit log (or with a column missing). */
function registeredBy(row: {
  registeredByKind: string | null;
  registeredById: string | null;
  registeredByName: string | null;
}): StoredActor | null {
  const { registeredByKind: kind, registeredById: id, registeredByName: name } = row;
  return kind !== null && id !== null && name !== null ? { kind, id, name } : null;
}

export const VERSION_COLUMNS = {
  version: true,
  asyncapiVersion: true,
  title: true,
  description: true,
  tags: true,
  protocols: true,
  format: true,
  raw: true,
  contentHash: true,
  warnings: true,
  status: true,
  forced: true,
  ...REGISTERED_BY_COLUMNS,
  overriddenChanges: true,
  createdAt: true,
  document: { select: { slug: true } },
  servers: { select: { name: true, host: true, protocol: true, description: true }, ...byId },
  channels: { select: CHANNEL_COLUMNS, ...byId },
} satisfies Prisma.DocumentVersionSelect;

export function toVersion(row: Prisma.DocumentVersionGetPayload<{ select: typeof VERSION_COLUMNS }>): VersionDetail {
  return {
    slug: row.document.slug,
    version: row.version,
    asyncapiVersion: row.asyncapiVersion,
    title: row.title,
    description: row.description,
    tags: row.tags,
    protocols: row.protocols,
    format: row.format === 'json' ? 'json' : 'yaml',
    raw: row.raw,
    contentHash: row.contentHash,
    warnings: readDiagnostics(row.warnings),
    status: lifecycleStatus(row.status),
    forced: row.forced,
    registeredBy: registeredBy(row),
    overriddenChanges: readChanges(row.overriddenChanges),
    createdAt: row.createdAt.toISOString(),
    servers: row.servers,
    channels: row.channels.map(toChannel),
  };
}

export const VERSION_SUMMARY_COLUMNS = {
  version: true,
  asyncapiVersion: true,
  createdAt: true,
  warnings: true,
  status: true,
  forced: true,
  ...REGISTERED_BY_COLUMNS,
} satisfies Prisma.DocumentVersionSelect;

export function toVersionSummary(row: Prisma.DocumentVersionGetPayload<{ select: typeof VERSION_SUMMARY_COLUMNS }>): VersionSummary {
  return {
    version: row.version,
    asyncapiVersion: row.asyncapiVersion,
    createdAt: row.createdAt.toISOString(),
    warningCount: readDiagnostics(row.warnings).length,
    status: lifecycleStatus(row.status),
    forced: row.forced,
    registeredBy: registeredBy(row),
  };
}

export const DOCUMENT_SUMMARY_COLUMNS = {
  id: true,
  version: true,
  status: true,
  description: true,
  tags: true,
  protocols: true,
  asyncapiVersion: true,
  createdAt: true,
  document: { select: { slug: true, title: true } },
  _count: { select: { channels: true } },
} satisfies Prisma.DocumentVersionSelect;

/** A document by its latest version's row, with how many versions it has and, when searched, what matched. */
export function toDocumentSummary(
  row: Prisma.DocumentVersionGetPayload<{ select: typeof DOCUMENT_SUMMARY_COLUMNS }>,
  versionCount: number,
  matches?: SearchMatch[],
): DocumentSummary {
  return {
    slug: row.document.slug,
    title: row.document.title,
    latestVersion: row.version,
    latestStatus: lifecycleStatus(row.status),
    versionCount,
    description: row.description,
    tags: row.tags,
    protocols: row.protocols,
    channelCount: row._count.channels,
    asyncapiVersion: row.asyncapiVersion,
    updatedAt: row.createdAt.toISOString(),
    ...(matches ? { matches } : {}),
  };
}

export const CHANNEL_LISTING_COLUMNS = {
  key: true,
  address: true,
  description: true,
  parameters: true,
  docVersion: { select: { version: true, status: true, document: { select: { slug: true, title: true } } } },
  messages: { select: { key: true, name: true }, ...byId },
  operations: { select: { key: true, action: true }, ...byId },
} satisfies Prisma.ChannelSelect;

export function toChannelListing(row: Prisma.ChannelGetPayload<{ select: typeof CHANNEL_LISTING_COLUMNS }>): ChannelListing {
  return {
    slug: row.docVersion.document.slug,
    documentTitle: row.docVersion.document.title,
    version: row.docVersion.version,
    status: lifecycleStatus(row.docVersion.status),
    key: row.key,
    address: row.address,
    description: row.description,
    parameters: readParameters(row.parameters).map((p) => p.name),
    messages: row.messages.map((m) => m.name ?? m.key),
    operations: row.operations,
  };
}
