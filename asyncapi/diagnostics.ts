import type { Diagnostic as ParserDiagnostic } from '@asyncapi/parser';
import { groupDiagnostics, type DiagnosticGroup, type LocatedDiagnostic } from './diagnostic-groups.ts';
import { MAX_CASCADE, MAX_CASCADE_DEPTH, MAX_REACHED_THROUGH } from './limits.ts';
import { createSourceLocator, type SourceLocation } from './source-locator.ts';
import type { Diagnostic } from './types.ts';

// Spectral's numeric severities, in its order.
const SEVERITIES = ['error', 'warning', 'info', 'hint'] as const;

type Rewrite = (match: RegExpExecArray, path: string) => string;

const quote = (path: string): string => (path ? `\`${path}\`` : 'The document');
const parentOf = (path: string): string => path.split('.').slice(0, -1).join('.');

// The parser's most cryptic messages, rewritten to say what to change. The first match wins.
const REWRITES: Array<[RegExp, Rewrite]> = [
  [
    /^(?:Object|"[^"]*" property) must have required property "([^"]+)"$/,
    (m, path) => `${quote(path)} is missing the required property \`${m[1]}\`.`,
  ],
  [
    /^Property "([^"]+)" is not expected to be here$/,
    (m, path) =>
      `${quote(parentOf(path))} does not allow the property \`${m[1]}\`: remove it, or rename it \`x-${m[1]}\` to keep it as an extension.`,
  ],
  [/^"[^"]*" property type must be (.+)$/, (m, path) => `${quote(path)} must be of type ${m[1]}.`],
  [
    /^"[^"]*" property must be equal to one of the allowed values: (.+)$/,
    (m, path) => `${quote(path)} must be one of the allowed values: ${m[1]}`,
  ],
  [/^"[^"]*" property must be equal to one of the allowed values$/, (_, path) => `${quote(path)} must be one of the allowed values.`],
  [/^"[^"]*" property must match pattern "(.*)"$/, (m, path) => `${quote(path)} must match the pattern \`${m[1]}\`.`],
  [/^"[^"]*" property must match format "([^"]+)"$/, (m, path) => `${quote(path)} must be a valid ${m[1]}.`],
  [
    /^'([^']+)' does not exist$/,
    (m, path) =>
      `${quote(path.replace(/\.\$ref$/, ''))} refers to \`${m[1]}\`, which does not exist in the document; fix the \`$ref\` or define it.`,
  ],
  [
    /^The latest version of AsyncAPi is not used\. It is recommended update to the "([^"]+)" version\.$/,
    (m) => `A newer AsyncAPI version exists: consider moving the document to ${m[1]}.`,
  ],
  [
    /^Error thrown during AsyncAPI document (\w+)\. Name: \w+, message: (.*?)(?:, stack: [\s\S]*)?$/,
    (m) => `The parser failed during ${m[1]} (${m[2]}); check the document's structure, starting with the \`asyncapi\` field.`,
  ],
];

/** Rewrites a parser message into an actionable sentence, or returns it unchanged when no rule applies. */
export function rewriteMessage(message: string, path: string): string {
  for (const [pattern, rewrite] of REWRITES) {
    const match = pattern.exec(message);
    if (match) return rewrite(match, path);
  }
  return message;
}

/** Paths listed in a message. */
const PATHS_IN_MESSAGE = 2;

/**
 * Converts the parser's (Spectral) diagnostics to ours: 1-based lines and columns, dotted paths,
 * rewritten messages, errors first and then by line. Given the raw text, each one is placed at the text
 * it concerns, following `$ref`s and aliases; one problem reached through several paths is reported once,
 * and errors that only follow from another are folded under it (see groupDiagnostics).
 * @example toDiagnostics(output.diagnostics, raw).filter((d) => d.severity === 'error')
 */
export function toDiagnostics(diagnostics: readonly ParserDiagnostic[], raw?: string): Diagnostic[] {
  const locator = raw !== undefined && needsLocating(diagnostics) ? createSourceLocator(raw) : null;
  const located = diagnostics.map((d) => locate(d, locator?.locate(d.path) ?? null));
  return sortDiagnostics(groupDiagnostics(located).map((group) => toDiagnostic(group)));
}

/**
 * Whether reading the text into a tree is worth it: for a refused document always, for warnings only when
 * the parser could not place one (reading a large document costs about half a parse).
 */
function needsLocating(diagnostics: readonly ParserDiagnostic[]): boolean {
  return diagnostics.some((d) => SEVERITIES[d.severity] === 'error' || (d.path.length > 0 && isUnplaced(d)));
}

// Where the parser puts what it cannot place: line 1, column 1.
function isUnplaced(d: ParserDiagnostic): boolean {
  const { start, end } = d.range;
  return start.line === 0 && start.character === 0 && end.line === 0 && end.character === 0;
}

function locate(diagnostic: ParserDiagnostic, found: SourceLocation | null): LocatedDiagnostic {
  const reportedPath = diagnostic.path.map(String);
  const severity = SEVERITIES[diagnostic.severity] ?? 'error';
  const base = { severity, code: String(diagnostic.code), message: diagnostic.message, reportedPath };
  // The parser's own place stands unless it has none or the walk found every segment.
  if (found && (found.complete || isUnplaced(diagnostic))) return { ...base, path: found.path, line: found.line, column: found.column };
  const { line, character } = diagnostic.range.start;
  return { ...base, path: reportedPath, line: line >= 0 ? line + 1 : null, column: line >= 0 && character >= 0 ? character + 1 : null };
}

function toDiagnostic(group: DiagnosticGroup, depth = 0): Diagnostic {
  const { head, paths, pathCount, cascade } = group;
  const path = head.path.join('.');
  const others = paths.slice(1).map((p) => p.join('.'));
  const diagnostic: Diagnostic = {
    severity: head.severity,
    message: withReachedThrough(rewriteMessage(head.message, path), others, pathCount - 1),
    path,
    line: head.line,
    column: head.column,
  };
  if (others.length > 0) diagnostic.alsoReachedThrough = others.slice(0, MAX_REACHED_THROUGH);
  if (cascade.length > 0 && depth < MAX_CASCADE_DEPTH)
    diagnostic.cascade = cascade.slice(0, MAX_CASCADE).map((folded) => toDiagnostic(folded, depth + 1));
  return diagnostic;
}

/** `… must be of type string (also reached through `a.b`, `c.d` and 3 more).` */
function withReachedThrough(message: string, others: readonly string[], count: number): string {
  if (count === 0) return message;
  const listed = others.slice(0, PATHS_IN_MESSAGE).map((p) => `\`${p}\``);
  const more = count - listed.length;
  const list = more > 0 ? `${listed.join(', ')} and ${more} more` : listed.join(' and ');
  return `${message.endsWith('.') ? message.slice(0, -1) : message} (also reached through ${list}).`;
}

/** Orders diagnostics errors first, then warnings, info and hints; within each by line, unknown lines last. */
export function sortDiagnostics(diagnostics: Diagnostic[]): Diagnostic[] {
  const rank = (d: Diagnostic): number => SEVERITIES.indexOf(d.severity);
  const line = (d: Diagnostic): number => d.line ?? Number.MAX_SAFE_INTEGER;
  return [...diagnostics].sort((a, b) => rank(a) - rank(b) || line(a) - line(b) || (a.column ?? 0) - (b.column ?? 0));
}

/**
 * One sentence for a refused document, naming the first error and its line.
 * @example summariseErrors(errors) // 'The document has 2 errors; the first: `info` is missing … (line 2)'
 */
export function summariseErrors(errors: readonly Diagnostic[]): string {
  const [first] = errors;
  if (!first) return 'The document is invalid.';
  const where = first.line === null ? '' : ` (line ${first.line})`;
  const message = first.message.replace(/\.$/, '');
  return errors.length === 1
    ? `The document has 1 error: ${message}${where}.`
    : `The document has ${errors.length} errors; the first: ${message}${where}.`;
}

/**
 * A diagnostic located at a 0-based offset of the raw text.
 * @example diagnosticAt(raw, 12, 'Expected `:` after the property name')
 */
export function diagnosticAt(raw: string, offset: number, message: string): Diagnostic {
  const before = raw.slice(0, offset);
  const line = before.split('\n').length;
  const column = offset - (before.lastIndexOf('\n') + 1) + 1;
  return { severity: 'error', message, path: '', line, column };
}
