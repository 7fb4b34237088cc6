import { compareVersions } from '../../asyncapi/semver.ts';
import type { Change } from '../../asyncapi/diff/types.ts';
import type { Diagnostic, JsonSchema, NormalisedParameter } from '../../asyncapi/types.ts';
import type { Db } from '../db.ts';
import { NotFoundError } from './errors.ts';
import { latestVersions } from './latest.ts';
import { lifecycleStatus } from './lifecycle.ts';
import { searchVersions } from './search.ts';
import type { ChannelDetail, ChannelListing, DocumentDetail, DocumentSummary, VersionDetail } from './types.ts';

/**
 * Every document's latest version; with a search term, only those that match, each with what matched.
 * @example const docs = await listDocuments(db, 'orderId');
 */
export async function listDocuments(db: Db, term?: string): Promise<DocumentSummary[]> {
  const latest = await latestVersions(db);
  const matches = term
    ? await searchVersions(
        db,
        latest.map((l) => l.id),
        term,
      )
    : undefined;
  const ids = matches ? latest.filter((l) => matches.has(l.id)).map((l) => l.id) : latest.map((l) => l.id);
  const counts = new Map(latest.map((l) => [l.id, l.versionCount]));
  const versions = await db.documentVersion.findMany({
    where: { id: { in: ids } },
    include: { document: { select: { slug: true, title: true } }, _count: { select: { channels: true } } },
  });
  return versions
    .map((v) => ({
      slug: v.document.slug,
      title: v.document.title,
      latestVersion: v.version,
      latestStatus: lifecycleStatus(v.status),
      versionCount: counts.get(v.id) ?? 1,
      description: v.description,
      tags: v.tags,
      protocols: v.protocols,
      channelCount: v._count.channels,
      asyncapiVersion: v.asyncapiVersion,
      updatedAt: v.createdAt.toISOString(),
      ...(matches ? { matches: matches.get(v.id) ?? [] } : {}),
    }))
    .sort((a, b) => a.title.localeCompare(b.title));
}

/** One version of a document in full: raw text and everything normalised from it. */
export async function getVersion(db: Db, slug: string, version: string): Promise<VersionDetail> {
  const row = await db.documentVersion.findFirst({
    where: { document: { slug }, version },
    include: {
      document: { select: { slug: true } },
      servers: { orderBy: { id: 'asc' } },
      channels: { orderBy: { id: 'asc' }, include: { messages: { orderBy: { id: 'asc' } }, operations: { orderBy: { id: 'asc' } } } },
    },
  });
  if (!row) throw new NotFoundError(`Version ${version} of "${slug}"`);
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
    warnings: row.warnings as unknown as Diagnostic[],
    status: lifecycleStatus(row.status),
    forced: row.forced,
    overriddenChanges: row.overriddenChanges as unknown as Change[],
    createdAt: row.createdAt.toISOString(),
    servers: row.servers.map(({ name, host, protocol, description }) => ({ name, host, protocol, description })),
    channels: row.channels.map((c): ChannelDetail => ({
      key: c.key,
      address: c.address,
      description: c.description,
      parameters: c.parameters as unknown as NormalisedParameter[],
      messages: c.messages.map((m) => ({
        key: m.key,
        name: m.name,
        title: m.title,
        summary: m.summary,
        contentType: m.contentType,
        payload: m.payload as JsonSchema | null,
        examples: m.examples as unknown[],
      })),
      operations: c.operations.map((o) => ({ key: o.key, action: o.action, summary: o.summary, channelKey: c.key })),
    })),
  };
}

/** A document with its version history (newest first) and its latest version in full. */
export async function getDocument(db: Db, slug: string): Promise<DocumentDetail> {
  const document = await db.document.findUnique({
    where: { slug },
    include: {
      versions: { select: { version: true, asyncapiVersion: true, createdAt: true, warnings: true, status: true, forced: true } },
    },
  });
  if (!document || document.versions.length === 0) throw new NotFoundError(`Document "${slug}"`);
  const versions = document.versions
    .map((v) => ({
      version: v.version,
      asyncapiVersion: v.asyncapiVersion,
      createdAt: v.createdAt.toISOString(),
      warningCount: Array.isArray(v.warnings) ? v.warnings.length : 0,
      status: lifecycleStatus(v.status),
      forced: v.forced,
    }))
    .sort((a, b) => compareVersions(b.version, a.version));
  const newest = versions[0];
  if (!newest) throw new NotFoundError(`Document "${slug}"`);
  return { slug, title: document.title, versions, latest: await getVersion(db, slug, newest.version) };
}

/**
 * Every channel of every document's latest version; with a term, those whose address, key,
 * description or message names contain it.
 */
export async function listChannels(db: Db, term?: string): Promise<ChannelListing[]> {
  const latest = await latestVersions(db);
  // Prisma passes `contains` to ILIKE as is, so % and _ in the term must be escaped to be found literally.
  const contains = term ? { contains: term.replace(/[\\%_]/g, '\\$&'), mode: 'insensitive' as const } : undefined;
  const channels = await db.channel.findMany({
    where: {
      versionId: { in: latest.map((l) => l.id) },
      ...(contains
        ? {
            OR: [
              { address: contains },
              { key: contains },
              { description: contains },
              { messages: { some: { OR: [{ name: contains }, { key: contains }] } } },
            ],
          }
        : {}),
    },
    include: {
      docVersion: { select: { version: true, status: true, document: { select: { slug: true, title: true } } } },
      messages: { select: { key: true, name: true }, orderBy: { id: 'asc' } },
      operations: { select: { key: true, action: true }, orderBy: { id: 'asc' } },
    },
  });
  return channels
    .map((c) => ({
      slug: c.docVersion.document.slug,
      documentTitle: c.docVersion.document.title,
      version: c.docVersion.version,
      status: lifecycleStatus(c.docVersion.status),
      key: c.key,
      address: c.address,
      description: c.description,
      parameters: (c.parameters as unknown as NormalisedParameter[]).map((p) => p.name),
      messages: c.messages.map((m) => m.name ?? m.key),
      operations: c.operations,
    }))
    .sort((a, b) => (a.address ?? a.key).localeCompare(b.address ?? b.key) || a.slug.localeCompare(b.slug));
}
