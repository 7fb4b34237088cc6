import type { CompatibilityMode } from '../../asyncapi/compatibility.ts';
import { diffVersions, summarise } from '../../asyncapi/diff/diff-versions.ts';
import { breakingUnderMode, type DirectedChange } from '../../asyncapi/diff/mode-changes.ts';
import type { Change, ChangeSummary, ChangeType, DiffSide } from '../../asyncapi/diff/types.ts';
import { isMajorBump } from '../../asyncapi/semver.ts';
import type { LoadedDocument } from './load-document.ts';

type ValidDocument = Extract<LoadedDocument, { valid: true }>;

export interface DiffSideReport {
  file: string;
  title: string;
  version: string;
}

/** A change as classified under the report's mode: a breaking one says which way it was read. */
export type ReportedChange = Change | DirectedChange;

/** What `diff` found: `--format json` prints it as it is. */
export interface DiffReport {
  old: DiffSideReport;
  new: DiffSideReport;
  /** The compatibility mode the changes are classified under: `breaking` means breaking under it. */
  mode: CompatibilityMode;
  /** Breaking first, then unclassified, then non-breaking, as the portal lists them. */
  changes: ReportedChange[];
  summary: ChangeSummary;
  /** Whether `new` bumps the major version of `old` (in 0.y.z a minor bump counts), which allows breaking changes. */
  majorBump: boolean;
}

const TYPE_ORDER: ChangeType[] = ['breaking', 'unclassified', 'non-breaking'];

/**
 * Compares two valid documents as the portal compares versions (`diffVersions`: the resolved documents through
 * `@asyncapi/diff`, and each message's payload schema), with each change classified as the portal's compatibility
 * check classifies it under `mode` (for two documents a transitive mode checks what its plain one does).
 * @example const report = diffReport(await loadDocument('old.yaml'), await loadDocument('new.yaml'), 'FORWARD');
 */
export function diffReport(before: ValidDocument, after: ValidDocument, mode: CompatibilityMode): DiffReport {
  const changes = classifyUnderMode(sideOf(before), sideOf(after), mode, before.document.version);
  return {
    old: sideReport(before),
    new: sideReport(after),
    mode,
    changes,
    summary: summarise(changes),
    majorBump: isMajorBump(before.document.version, after.document.version),
  };
}

/**
 * One row per change: a change breaking from old to new that the mode does not check is non-breaking under it; one
 * that breaks only read from the new version back replaces the old-to-new reading at its path; one breaking both
 * ways is listed as read from old to new.
 */
function classifyUnderMode(earlier: DiffSide, later: DiffSide, mode: CompatibilityMode, against: string): ReportedChange[] {
  const diff = diffVersions(earlier, later);
  const breaking = breakingUnderMode(diff, earlier, later, { mode, against });
  const backward = breaking.filter((change) => change.direction === 'backward');
  const backwardKeys = new Set(backward.map(keyOf));
  const backwardPaths = new Set(backward.map((change) => change.path));
  const forward = breaking.filter((change) => change.direction === 'forward' && !backwardPaths.has(change.path));
  const forwardPaths = new Set(forward.map((change) => change.path));
  const others = diff
    .filter((change) => !(change.type === 'breaking' && backwardKeys.has(keyOf(change))) && !forwardPaths.has(change.path))
    .map((change): Change => (change.type === 'breaking' ? { ...change, type: 'non-breaking' } : change));
  return [...backward, ...forward, ...others].sort((a, b) => TYPE_ORDER.indexOf(a.type) - TYPE_ORDER.indexOf(b.type));
}

const keyOf = (change: Change): string => `${change.path}\n${change.description}`;

const sideOf = (loaded: ValidDocument): DiffSide => ({ resolved: loaded.resolved, messages: loaded.document.messages });

const sideReport = ({ file, document }: ValidDocument): DiffSideReport => ({ file, title: document.title, version: document.version });
