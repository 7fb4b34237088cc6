import type { Diagnostic } from '../../asyncapi/types.ts';

/**
 * Text from a document or the portal made safe for one line of a terminal or CI log: control characters
 * (newlines, escape sequences that could recolour or rewrite the log) become spaces.
 * @example printable('a\nb\u001b[31m') // 'a b [31m'
 */
export function printable(text: string): string {
  let out = '';
  for (const c of text) {
    const code = c.codePointAt(0) ?? 0;
    out += code < 0x20 || (code >= 0x7f && code < 0xa0) ? ' ' : c;
  }
  return out;
}

/**
 * A count with its noun, singular or plural.
 * @example plural(2, 'error') // '2 errors'
 */
export function plural(count: number, noun: string): string {
  return `${count} ${noun}${count === 1 ? '' : 's'}`;
}

/**
 * One diagnostic as compilers and CI problem matchers print them, `file:line:column: severity: message`,
 * at line 1, column 1 when it has no location.
 * @example diagnosticLine('orders.yaml', { severity: 'error', message: 'bad', path: '', line: 4, column: 7 }) // 'orders.yaml:4:7: error: bad'
 */
export function diagnosticLine(file: string, diagnostic: Diagnostic): string {
  return `${printable(file)}:${diagnostic.line ?? 1}:${diagnostic.column ?? 1}: ${diagnostic.severity}: ${printable(diagnostic.message)}`;
}

/** The errors and warnings of `diagnostics` as `diagnosticLine`s; info and hints are left to `--format json`. */
export function diagnosticLines(file: string, diagnostics: readonly Diagnostic[]): string[] {
  return diagnostics.filter((d) => d.severity === 'error' || d.severity === 'warning').map((d) => diagnosticLine(file, d));
}

/**
 * Rows as a plain-text table under a header, each column as wide as its widest cell (the last one unpadded).
 * @example table(['FILE', 'OUTCOME'], [['a.yaml', 'created']])
 */
export function table(header: readonly string[], rows: readonly (readonly string[])[]): string {
  const cells = [header, ...rows].map((row) => row.map(printable));
  const widths = header.map((_, column) => Math.max(...cells.map((row) => row[column]?.length ?? 0)));
  return cells
    .map((row) =>
      row
        .map((cell, column) => (column === row.length - 1 ? cell : cell.padEnd(widths[column] ?? 0)))
        .join('  ')
        .trimEnd(),
    )
    .join('\n');
}
