import { diffVersions, summarise } from '../asyncapi/diff/diff-versions.ts';
import { breakingUnderMode, type DirectedChange } from '../asyncapi/diff/mode-changes.ts';
import type { Change, ChangeSummary, DiffSide } from '../asyncapi/diff/types.ts';
import type { ValidationResult } from '../asyncapi/types.ts';
import { isTransitive, type CompatibilityMode } from '../asyncapi/compatibility.ts';
import { comparePrecedence, isMajorBump } from '../asyncapi/semver.ts';
import type { StoreClient } from '../prisma/db.ts';
import { earlierVersions } from '../prisma/store/compatibility.ts';
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

/** A breaking change a compatibility mode refuses: which earlier version it breaks against, and read which way. */
export interface BreakingChange extends DirectedChange {
  against: string;
}

/** What a registration was checked against (null: a new document), under which mode, and the breaking changes found. */
export interface GovernanceCheck {
  latestVersion: string | null;
  mode: CompatibilityMode;
  breakingChanges: BreakingChange[];
}

/**
 * The breaking changes a new version brings under a compatibility mode (asyncapi/compatibility.ts): against the
 * latest version, or every earlier one for transitive modes. None when the mode does not apply: a new document, a
 * version not above the latest (a back-fill), NONE, or a major version bump under a mode that is not transitive.
 * @example const { breakingChanges } = await checkCompatibility(deps, 'user-accounts', '1.3.0', candidate, 'FULL');
 */
export async function checkCompatibility(
  deps: GovernanceDeps,
  slug: string,
  version: string,
  candidate: DiffSide,
  mode: CompatibilityMode,
): Promise<GovernanceCheck> {
  const latest = await latestDiffSource(deps.db, slug);
  if (!latest) return { latestVersion: null, mode, breakingChanges: [] };
  const unchecked = { latestVersion: latest.version, mode, breakingChanges: [] };
  // One of equal precedence is no new version, and the store refuses it.
  if (mode === 'NONE' || comparePrecedence(version, latest.version) <= 0) return unchecked;
  if (!isTransitive(mode) && isMajorBump(latest.version, version)) return unchecked;
  const against = isTransitive(mode) ? await earlierVersions(deps.db, slug, version) : [latest.version];
  const breakingChanges: BreakingChange[] = [];
  // One at a time: each earlier version is parsed again (cached by content), and the parser's queue is bounded.
  for (const earlier of against) {
    const source = earlier === latest.version ? latest : await getDiffSource(deps.db, slug, earlier);
    breakingChanges.push(...(await breakingAgainst(deps, source, candidate, mode)));
  }
  return { ...unchecked, breakingChanges };
}

/** The breaking changes between one earlier version and the candidate under `mode`. */
async function breakingAgainst(
  deps: GovernanceDeps,
  source: StoredDiffSource,
  candidate: DiffSide,
  mode: CompatibilityMode,
): Promise<BreakingChange[]> {
  const earlier = await storedSide(deps.validator, source);
  const diff = await deps.differ.diff(earlier, candidate);
  return breakingUnderMode(diff, earlier, candidate, { mode, against: source.version }).map((change) => ({
    ...change,
    against: source.version,
  }));
}

// The resolved document comes from parsing the stored text again: the parse worker caches it by content hash.
async function storedSide(validator: DocumentValidator, source: StoredDiffSource): Promise<DiffSide> {
  const result = await validator.validate(source.raw);
  if (!result.valid)
    throw new DocumentInvalidError(`Version ${source.version} as stored no longer validates: ${result.error}`, result.diagnostics);
  return { resolved: result.resolved, messages: source.messages };
}
