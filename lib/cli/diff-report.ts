import { diffVersions, summarise } from '../../asyncapi/diff/diff-versions.ts';
import type { Change, ChangeSummary } from '../../asyncapi/diff/types.ts';
import { isMajorBump } from '../../asyncapi/semver.ts';
import type { LoadedDocument } from './load-document.ts';

type ValidDocument = Extract<LoadedDocument, { valid: true }>;

export interface DiffSideReport {
  file: string;
  title: string;
  version: string;
}

/** What `diff` found: `--format json` prints it as it is. */
export interface DiffReport {
  old: DiffSideReport;
  new: DiffSideReport;
  /** Breaking first, then unclassified, then non-breaking, as the portal lists them. */
  changes: Change[];
  summary: ChangeSummary;
  /** Whether `new` bumps the major version of `old` (in 0.y.z a minor bump counts), which allows breaking changes. */
  majorBump: boolean;
}

/**
 * Compares two valid documents as the portal compares versions (`diffVersions`: the resolved documents through
 * `@asyncapi/diff`, and each message's payload schema).
 * @example const report = diffReport(await loadDocument('old.yaml'), await loadDocument('new.yaml'));
 */
export function diffReport(before: ValidDocument, after: ValidDocument): DiffReport {
  const changes = diffVersions(sideOf(before), sideOf(after));
  return {
    old: sideReport(before),
    new: sideReport(after),
    changes,
    summary: summarise(changes),
    majorBump: isMajorBump(before.document.version, after.document.version),
  };
}

const sideOf = (loaded: ValidDocument) => ({ resolved: loaded.resolved, messages: loaded.document.messages });

const sideReport = ({ file, document }: ValidDocument): DiffSideReport => ({ file, title: document.title, version: document.version });
