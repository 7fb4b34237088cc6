import { compareVersions } from '../../asyncapi/semver.ts';
import type { StoreClient } from '../db.ts';
import { NotFoundError } from './errors.ts';
import { latestVersions } from './latest.ts';
import {
  DOCUMENT_SUMMARY_COLUMNS,
  VERSION_COLUMNS,
  VERSION_SUMMARY_COLUMNS,
  toDocumentSummary,
  toVersion,
  toVersionSummary,
} from './mappers.ts';
import { searchVersions } from './search.ts';
import type { DocumentDetail, DocumentSummary, VersionDetail } from './types.ts';

/**
 * Every document's latest version; with a search term, only those that match, each with what matched.
 * @example const docs = await listDocuments(db, 'orderId');
 */
export async function listDocuments(db: StoreClient, term?: string): Promise<DocumentSummary[]> {
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
  const versions = await db.documentVersion.findMany({ where: { id: { in: ids } }, select: DOCUMENT_SUMMARY_COLUMNS });
  return versions
    .map((v) => toDocumentSummary(v, counts.get(v.id) ?? 1, matches ? (matches.get(v.id) ?? []) : undefined))
    .sort((a, b) => a.title.localeCompare(b.title));
}

/** One version of a document in full: raw text and everything normalised from it. */
export async function getVersion(db: StoreClient, slug: string, version: string): Promise<VersionDetail> {
  const row = await db.documentVersion.findFirst({ where: { document: { slug }, version }, select: VERSION_COLUMNS });
  if (!row) throw new NotFoundError(`Version ${version} of "${slug}"`);
  return toVersion(row);
}

/** A document with its version history (newest first) and its latest version in full. */
export async function getDocument(db: StoreClient, slug: string): Promise<DocumentDetail> {
  const document = await db.document.findUnique({
    where: { slug },
    select: { title: true, versions: { select: VERSION_SUMMARY_COLUMNS } },
  });
  const versions = (document?.versions ?? []).map(toVersionSummary).sort((a, b) => compareVersions(b.version, a.version));
  const newest = versions[0];
  if (!document || !newest) throw new NotFoundError(`Document "${slug}"`);
  return { slug, title: document.title, versions, latest: await getVersion(db, slug, newest.version) };
}
