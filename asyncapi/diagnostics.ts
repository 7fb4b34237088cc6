import type { Diagnostic as ParserDiagnostic } from '@asyncapi/parser';
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

/**
 * Converts the parser's (Spectral) diagnostics to ours: 1-based lines and columns, dotted paths,
 * rewritten messages, errors first and then by line.
 * @example toDiagnostics(output.diagnostics).filter((d) => d.severity === 'error')
 */
export function toDiagnostics(diagnostics: readonly ParserDiagnostic[]): Diagnostic[] {
  return sortDiagnostics(diagnostics.map(toDiagnostic));
}

function toDiagnostic(diagnostic: ParserDiagnostic): Diagnostic {
  const path = diagnostic.path.map(String).join('.');
  const { line, character } = diagnostic.range.start;
  return {
    severity: SEVERITIES[diagnostic.severity] ?? 'error',
    message: rewriteMessage(diagnostic.message, path),
    path,
    line: line >= 0 ? line + 1 : null,
    column: line >= 0 && character >= 0 ? character + 1 : null,
  };
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
