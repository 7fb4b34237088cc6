import type { Change } from '../../asyncapi/diff/types.ts';
import type { Diagnostic, NormalisedDocument } from '../../asyncapi/types.ts';
import type { Prisma } from '../generated/client.ts';
import type { StoreClient } from '../db.ts';
import { normaliseTitle } from '../../asyncapi/slug.ts';
import { comparePrecedence, compareVersions, latestVersion } from '../../asyncapi/semver.ts';
import type { StoredActor } from './audit.ts';
import { documentForTitle, documentOfTitle, type OwnedDocument } from './document-owner.ts';
import { EquivalentVersionError, LatestVersionChangedError, VersionConflictError } from './errors.ts';
import { jsonColumn } from './json-columns.ts';
import { insertVersionParts } from './version-parts.ts';

export interface VersionToStore {
  raw: string;
  contentHash: string;
  format: 'yaml' | 'json';
  document: NormalisedDocument;
  warnings: Diagnostic[];
  /** The breaking changes registered over with `?force=true`; the version is then marked forced. */
  overriddenChanges?: Change[];
  /**
   * The latest version the registration was checked against (null: none). When given, the write is refused
   * with a LatestVersionChangedError if another version became the latest meanwhile.
   */
  checkedAgainst?: string | null;
  /** Who registers it, kept on the version; null for none (versions stored before the audit log have none). */
  registeredBy?: StoredActor | null;
  /** The document's slug when the caller has it from `documentForTitle`; the write checks its title again under the lock. */
  slug?: string;
}

export interface RegisterOutcome {
  status: 'created' | 'unchanged';
  slug: string;
  version: string;
  /** Whether the stored version was registered over breaking changes. */
  forced: boolean;
}

type Tx = Prisma.TransactionClient;

/** Runs inside the registration's transaction once a version is stored: the audit row, so both commit or neither does. */
export type OnStored = (tx: Tx, outcome: RegisterOutcome) => Promise<void>;

/**
 * Stores a validated document as a new version of its catalogue entry, all of it in one transaction.
 * Identical content already stored is `unchanged`; the same version with other content, or another version of equal
 * precedence (`1.0.0+build` beside `1.0.0`), is a conflict; a slug that belongs to another title is refused. The
 * document's title follows its latest version only. `onStored` runs in the same transaction after a version is
 * stored (not for `unchanged`); when it throws, nothing is stored.
 * @example const { status } = await registerVersion(db, { raw, contentHash, format, document, warnings }, (tx) => recordAudit(tx, entry));
 */
export async function registerVersion(db: StoreClient, input: VersionToStore, onStored?: OnStored): Promise<RegisterOutcome> {
  const slug = input.slug ?? (await documentForTitle(db, input.document.title)).slug;
  return db.$transaction(async (tx) => {
    const outcome = await registerInTransaction(tx, slug, input);
    if (outcome.status === 'created') await onStored?.(tx, outcome);
    return outcome;
  });
}

async function registerInTransaction(tx: Tx, slug: string, input: VersionToStore): Promise<RegisterOutcome> {
  const { title, version } = input.document;
  // Serialises registrations of one slug until commit, even a new document's first, which has no row to lock yet.
  await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext(${slug}))`;
  const document = await documentOfTitle(tx, slug, title);
  const existing = document
    ? await tx.documentVersion.findUnique({
        where: { documentId_version: { documentId: document.id, version } },
        select: { contentHash: true, forced: true },
      })
    : null;
  if (existing) {
    if (existing.contentHash === input.contentHash) return { status: 'unchanged', slug, version, forced: existing.forced };
    throw new VersionConflictError(slug, version);
  }
  const stored = document ? await storedVersions(tx, document.id) : [];
  // Under the lock, so two registrations of versions of equal precedence cannot both pass.
  const equivalent = stored.find((v) => comparePrecedence(v.version, version) === 0);
  if (equivalent) throw new EquivalentVersionError(slug, version, equivalent.version);
  const latest = latestVersion(stored)?.version ?? null;
  if (input.checkedAgainst !== undefined && latest !== input.checkedAgainst)
    throw new LatestVersionChangedError(slug, input.checkedAgainst, latest);
  const becomesLatest = latest === null || compareVersions(version, latest) > 0;
  const documentId = await saveDocument(tx, slug, title, document, becomesLatest);
  await insertVersion(tx, documentId, input);
  return { status: 'created', slug, version, forced: (input.overriddenChanges ?? []).length > 0 };
}

function storedVersions(tx: Tx, documentId: number): Promise<{ version: string }[]> {
  return tx.documentVersion.findMany({ where: { documentId }, select: { version: true } });
}

// Document-level fields follow the latest version: back-filling an older one leaves them as they are.
async function saveDocument(tx: Tx, slug: string, title: string, document: OwnedDocument | null, becomesLatest: boolean): Promise<number> {
  const titleKey = normaliseTitle(title);
  if (!document) return (await tx.document.create({ data: { slug, title, titleKey }, select: { id: true } })).id;
  if (becomesLatest) await tx.document.update({ where: { id: document.id }, data: { title, titleKey } });
  else if (document.titleKey !== titleKey) await tx.document.update({ where: { id: document.id }, data: { titleKey } });
  return document.id;
}

async function insertVersion(tx: Tx, documentId: number, input: VersionToStore): Promise<void> {
  const doc = input.document;
  const { id: versionId } = await tx.documentVersion.create({
    data: {
      documentId,
      version: doc.version,
      asyncapiVersion: doc.asyncapiVersion,
      title: doc.title,
      description: doc.description,
      tags: doc.tags,
      protocols: doc.protocols,
      format: input.format,
      raw: input.raw,
      contentHash: input.contentHash,
      warnings: jsonColumn(input.warnings),
      forced: (input.overriddenChanges ?? []).length > 0,
      overriddenChanges: jsonColumn(input.overriddenChanges ?? []),
      registeredByKind: input.registeredBy?.kind ?? null,
      registeredById: input.registeredBy?.id ?? null,
      registeredByName: input.registeredBy?.name ?? null,
    },
    select: { id: true },
  });
  await insertVersionParts(tx, versionId, doc);
}
