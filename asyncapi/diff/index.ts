export { diffVersions, summarise } from './diff-versions.ts';
export { classifyPayloadChanges } from './payload-changes.ts';
export { resolvedDocumentJson } from './resolved-json.ts';
export type { Change, ChangeKind, ChangeSummary, ChangeType, DiffMessage, DiffSide } from './types.ts';
