import { diffVersions, summarise } from '../asyncapi/diff/diff-versions.ts';
import type { Change, ChangeSummary, DiffSide } from '../asyncapi/diff/types.ts';
import type { ValidationResult } from '../asyncapi/types.ts';
import { comparePrecedence, isMajorBump } from '../asyncapi/semver.ts';
import type { StoreClient } from '../prisma/db.ts';
import { getDiffSource, latestDiffSource, type StoredDiffSource } from '../prisma/store/diff-source.ts';
import { DocumentInvalidError } from './errors.ts';

/** `GET /api/documents/:slug/diff`: every change from one version to another, classified. */
export interface VersionDiff {
  from: string;
  to: string;
  changes: Change[];
  summary: ChangeSummary;
}

/** Anything that validates AsyncAPI text: the parse worker, or the parser directly in tests. */
export interface DocumentValidator {
  validate(raw: string): Promise<ValidationResult>;
}

/** Anything that compares two versions as `diffVersions` does: the parse worker, or `inProcessDiffer`. */
export interface DocumentDiffer {
  diff(before: DiffSide, after: DiffSide): Promise<Change[]>;
}

/** Compares versions on the calling thread; for tests and scripts, where no event loop serves users. */
export const inProcessDiffer: DocumentDiffer = { diff: (before, after) => Promise.resolve(diffVersions(before, after)) };

export interface GovernanceDeps {
  db: StoreClient;
  validator: DocumentValidator;
  differ: DocumentDiffer;
}

/**
 * Diffs two stored versions of a document; unknown versions are a NotFoundError.
 * @example const { summary } = await diffStoredVersions(deps, 'user-accounts', '1.0.0', '1.1.0');
 */
export async function diffStoredVersions(deps: GovernanceDeps, slug: string, from: string, to: string): Promise<VersionDiff> {
  const [before, after] = await Promise.all([getDiffSource(deps.db, slug, from), getDiffSource(deps.db, slug, to)]);
  const changes = await deps.differ.diff(await storedSide(deps.validator, before), await storedSide(deps.validator, after));
  return { from: before.version, to: after.version, changes, summary: summarise(changes) };
}

/** What a registration was checked against (null: a new document), and the breaking changes found. */
export interface GovernanceCheck {
  latestVersion: string | null;
  breakingChanges: Change[];
}

/**
 * The breaking changes a new version brings against the document's latest version; none when governance
 * does not apply: a new document, a version not above the latest, or a major version bump.
 */
export async function checkAgainstLatest(
  deps: GovernanceDeps,
  slug: string,
  version: string,
  candidate: DiffSide,
): Promise<GovernanceCheck> {
  const latest = await latestDiffSource(deps.db, slug);
  if (!latest) return { latestVersion: null, breakingChanges: [] };
  // A back-filled version is not checked; one of equal precedence is no new version, and the store refuses it.
  if (comparePrecedence(version, latest.version) <= 0 || isMajorBump(latest.version, version))
    return { latestVersion: latest.version, breakingChanges: [] };
  const changes = await deps.differ.diff(await storedSide(deps.validator, latest), candidate);
  return { latestVersion: latest.version, breakingChanges: changes.filter((c) => c.type === 'breaking') };
}

// The resolved document comes from parsing the stored text again: the parse worker caches it by content hash.
async function storedSide(validator: DocumentValidator, source: StoredDiffSource): Promise<DiffSide> {
  const result = await validator.validate(source.raw);
  if (!result.valid)
    throw new DocumentInvalidError(`Version ${source.version} as stored no longer validates: ${result.error}`, result.diagnostics);
  return { resolved: result.resolved, messages: source.messages };
}
