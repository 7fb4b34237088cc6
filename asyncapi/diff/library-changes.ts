import { diff, type DiffOutputItem, type JSONOutput, type OverrideObject } from '@asyncapi/diff';
import type { Change, ChangeKind } from './types.ts';

const BREAKING_ALWAYS = { add: 'breaking', remove: 'breaking', edit: 'breaking' } as const;

// The library's standard calls editing info.version breaking, yet bumping it is what every new version does.
// Operations keep `{ $ref }`s to their channel and messages (see resolvedDocumentJson): pointing elsewhere is breaking.
const OVERRIDES: OverrideObject = {
  '/info/version': { add: 'non-breaking', remove: 'breaking', edit: 'non-breaking' },
  '/operations/*/channel/$ref': BREAKING_ALWAYS,
  '/operations/*/messages/*/$ref': BREAKING_ALWAYS,
};

// Inside a payload schema the library classifies nothing; classifyPayloadChanges does that instead.
const INSIDE_PAYLOAD = /\/payload\//;

/**
 * The changes `@asyncapi/diff` finds between two resolved documents of the same AsyncAPI major version,
 * classified by its standard (2.x or 3.x), without those inside payload schemas.
 * @example libraryChanges(resolvedBefore, resolvedAfter).filter((c) => c.type === 'breaking')
 */
export function libraryChanges(before: Record<string, unknown>, after: Record<string, unknown>): Change[] {
  const output = diff(before, after, { override: OVERRIDES, outputType: 'json' }).getOutput() as JSONOutput;
  return output.changes.filter((item) => !INSIDE_PAYLOAD.test(item.path)).map(toChange);
}

function toChange(item: DiffOutputItem): Change {
  const kind: ChangeKind = item.action;
  return { type: item.type, kind, path: item.path, description: describe(item) };
}

function describe(item: DiffOutputItem): string {
  const where = item.path
    .replace(/^\//, '')
    .split('/')
    .map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'))
    .join(' › ');
  if (item.action === 'add') return `Added ${where}${scalar(item.after, ': ')}`;
  if (item.action === 'remove') return `Removed ${where}`;
  const from = scalar(item.before, '');
  const to = scalar(item.after, '');
  return from && to ? `Changed ${where} from ${from} to ${to}` : `Changed ${where}`;
}

function scalar(value: unknown, prefix: string): string {
  if (value === null || typeof value === 'object' || value === undefined) return '';
  const text = JSON.stringify(value);
  return `${prefix}${text.length > 80 ? `${text.slice(0, 77)}…` : text}`;
}
