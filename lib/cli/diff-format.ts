import { isTransitive } from '../../asyncapi/compatibility.ts';
import type { Change, ChangeType } from '../../asyncapi/diff/types.ts';
import type { DiffReport } from './diff-report.ts';
import { plural, printable } from './text.ts';

const HEADINGS: Record<ChangeType, string> = { breaking: 'Breaking', unclassified: 'Unclassified', 'non-breaking': 'Non-breaking' };
const ORDER: ChangeType[] = ['breaking', 'unclassified', 'non-breaking'];
/** A pull-request comment holds 65,536 characters: past this many rows the table says how many more there are. */
const MAX_MARKDOWN_ROWS = 200;

/**
 * One sentence on what the changes mean for the new version under the report's compatibility mode.
 * @example verdict(report) // 'No breaking changes under BACKWARD.'
 */
export function verdict(report: DiffReport): string {
  const { summary, mode } = report;
  const bump = `${report.old.version} → ${report.new.version}`;
  if (summary.breaking === 0)
    return mode === 'NONE'
      ? 'No breaking changes: under NONE versions are not checked against each other.'
      : `No breaking changes under ${mode}.`;
  const found = `${plural(summary.breaking, 'breaking change')} under ${mode}`;
  if (isTransitive(mode)) return `${found}, which no version bump allows (the portal registers them only when forced).`;
  if (report.majorBump) return `${found}, allowed by the major version bump ${bump}.`;
  return `${found} without a major version bump (${bump}): bump the major version of info.version.`;
}

/** Whether the portal would accept the breaking changes because of the version bump (never under a transitive mode). */
function allowedByBump(report: DiffReport): boolean {
  return report.majorBump && !isTransitive(report.mode);
}

/**
 * The changes grouped breaking, unclassified, non-breaking, each with its path, then the verdict.
 * @example formatDiffText(report)
 */
export function formatDiffText(report: DiffReport): string {
  const { summary } = report;
  const lines = [
    `${versions(report)} under ${report.mode}: ${summary.breaking} breaking, ${summary.unclassified} unclassified, ${summary.nonBreaking} non-breaking`,
  ];
  for (const type of ORDER) {
    const changes = report.changes.filter((c) => c.type === type);
    if (changes.length === 0) continue;
    lines.push(
      '',
      `${HEADINGS[type]} (${changes.length}):`,
      ...changes.map((c) => `  - ${printable(c.description)}  at ${printable(c.path)}`),
    );
  }
  lines.push('', verdict(report));
  return `${lines.join('\n')}\n`;
}

// The title once when both versions have it, as they usually do.
function versions({ old, new: next }: DiffReport): string {
  const text =
    old.title === next.title
      ? `${next.title} ${old.version} → ${next.version}`
      : `${old.title} ${old.version} → ${next.title} ${next.version}`;
  return printable(text);
}

/**
 * A pull-request comment: a heading, the verdict, a table of the changes (type, change, path) and the files compared.
 * Text from the documents is escaped, so a title or property name cannot add markup, links or HTML.
 * @example formatDiffMarkdown(report)
 */
export function formatDiffMarkdown(report: DiffReport): string {
  const icon = report.summary.breaking === 0 ? '✅' : allowedByBump(report) ? '⚠️' : '❌';
  const lines = [`### ${escapeMarkdown(report.new.title)}: ${escapeMarkdown(`${report.old.version} → ${report.new.version}`)}`, ''];
  lines.push(`${icon} **${escapeMarkdown(verdict(report))}**`, '');
  if (report.changes.length === 0) lines.push('No changes.');
  else {
    const { summary } = report;
    lines.push(`${summary.breaking} breaking, ${summary.unclassified} unclassified, ${summary.nonBreaking} non-breaking:`, '');
    lines.push('| Type | Change | Path |', '| --- | --- | --- |', ...report.changes.slice(0, MAX_MARKDOWN_ROWS).map(markdownRow));
    const more = report.changes.length - MAX_MARKDOWN_ROWS;
    if (more > 0) lines.push('', `…and ${plural(more, 'more change')}: \`event-portal diff --format json\` lists them all.`);
  }
  lines.push(
    '',
    `<sub>${codeSpan(report.old.file)} → ${codeSpan(report.new.file)}, compared by <code>event-portal diff</code> under ${report.mode}</sub>`,
  );
  return `${lines.join('\n')}\n`;
}

function markdownRow(change: Change): string {
  const type = change.type === 'breaking' ? '**breaking**' : change.type;
  return `| ${type} | ${escapeMarkdown(change.description)} | ${codeSpan(change.path)} |`;
}

/**
 * Text as literal Markdown inside a line (never at its start): punctuation that could start inline markup, a link,
 * HTML, an entity, a mention or the table's next cell is backslash-escaped (CommonMark lets any ASCII punctuation be).
 * @example escapeMarkdown('<b>*x*</b>') // '\\<b\\>\\*x\\*\\</b\\>'
 */
export function escapeMarkdown(text: string): string {
  let out = '';
  for (const c of printable(text)) out += MARKUP.has(c) ? `\\${c}` : c;
  return out;
}

// `#` would link an issue, `@` mention someone, `$` start GitHub's math; the others are CommonMark's inline markup.
const MARKUP = new Set(['\\', '`', '*', '_', '[', ']', '<', '>', '#', '@', '|', '~', '&', '$']);

/**
 * Text as an inline code span in a table cell: fenced by one more backtick than its longest run of them, `|` escaped
 * (GitHub splits table cells at a `|` even inside code).
 * @example codeSpan('/channels/a|b') // '`/channels/a\\|b`'
 */
export function codeSpan(text: string): string {
  let longest = 0;
  let run = 0;
  for (const c of text) {
    run = c === '`' ? run + 1 : 0;
    longest = Math.max(longest, run);
  }
  const fence = '`'.repeat(longest + 1);
  const body = printable(text).replaceAll('|', '\\|');
  const padded = body.startsWith('`') || body.endsWith('`') ? ` ${body} ` : body;
  return `${fence}${padded}${fence}`;
}
