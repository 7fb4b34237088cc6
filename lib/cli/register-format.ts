import type { Change } from '../../asyncapi/diff/types.ts';
import type { Diagnostic } from '../../asyncapi/types.ts';
import { plural, printable, table } from './text.ts';
import { refusalDetails } from './verdict-format.ts';

/** One file's outcome; `--format json` prints the rows as they are. */
export interface RegisterRow {
  file: string;
  /** The document's slug (the portal's, once it answered); null for a file too broken to tell. */
  document: string | null;
  version: string | null;
  outcome: 'created' | 'unchanged' | 'refused' | 'invalid' | 'skipped' | 'failed';
  /** Why it was refused, invalid, skipped or failed, in the portal's or validator's words. */
  reason: string | null;
  httpStatus?: number;
  latestVersion?: string;
  breakingChanges: Change[];
  diagnostics: Diagnostic[];
}

const OUTCOMES: RegisterRow['outcome'][] = ['created', 'unchanged', 'refused', 'invalid', 'skipped', 'failed'];
/** The reason in the table is cut to this many characters; the details below it have the whole of it. */
const MAX_REASON = 100;

/**
 * A table of every file (file, document, version, outcome), then each refusal's details (breaking changes,
 * diagnostics) and a summary line.
 * @example formatRegistration(rows, { token: true })
 */
export function formatRegistration(rows: readonly RegisterRow[], { token }: { token: boolean }): string {
  const lines = [
    table(
      ['FILE', 'DOCUMENT', 'VERSION', 'OUTCOME'],
      rows.map((r) => [r.file, r.document ?? '-', r.version ?? '-', outcomeCell(r)]),
    ),
  ];
  for (const row of rows.filter((r) => r.outcome === 'refused' || r.outcome === 'invalid' || r.outcome === 'failed')) {
    lines.push(
      '',
      `${printable(row.file)}: ${row.outcome}${row.httpStatus ? ` (HTTP ${row.httpStatus})` : ''}: ${printable(row.reason ?? '')}`,
    );
    lines.push(...refusalDetails(row.file, row, { token }));
  }
  const counts = OUTCOMES.map((outcome) => [outcome, rows.filter((r) => r.outcome === outcome).length] as const).filter(([, n]) => n > 0);
  lines.push('', `${plural(rows.length, 'file')}: ${counts.map(([outcome, n]) => `${n} ${outcome}`).join(', ')}.`);
  return `${lines.join('\n')}\n`;
}

function outcomeCell(row: RegisterRow): string {
  if (row.reason === null) return row.outcome;
  const reason = printable(row.reason);
  const short = reason.length > MAX_REASON ? `${reason.slice(0, MAX_REASON - 1)}…` : reason;
  return `${row.outcome}: ${short}`;
}
