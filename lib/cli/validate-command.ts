import type { Diagnostic } from '../../asyncapi/types.ts';
import { EXIT, type ExitCode } from './exit-codes.ts';
import type { CliIo } from './io.ts';
import { loadDocument } from './load-document.ts';
import { diagnosticLines, plural } from './text.ts';

/** What `validate --format json` prints for each file. */
export interface FileValidation {
  file: string;
  valid: boolean;
  diagnostics: Diagnostic[];
}

/**
 * `event-portal validate <files…>`: each file through the portal's validator, one after another (the parser is
 * shared and busy the whole time). Exit 1 when any is invalid or unreadable.
 */
export async function validateCommand(files: readonly string[], format: 'text' | 'json', io: CliIo): Promise<ExitCode> {
  const results: FileValidation[] = [];
  for (const file of files) {
    const { valid, diagnostics } = await loadDocument(file);
    results.push({ file, valid, diagnostics });
  }
  io.out(format === 'json' ? `${JSON.stringify(results, null, 2)}\n` : formatValidation(results));
  return results.every((r) => r.valid) ? EXIT.ok : EXIT.no;
}

/**
 * Every error and warning, one `file:line:column: severity: message` line each, then a summary line.
 * @example formatValidation([{ file: 'a.yaml', valid: true, diagnostics: [] }]) // '1 file checked: 1 valid.\n'
 */
export function formatValidation(results: readonly FileValidation[]): string {
  const lines = results.flatMap((r) => diagnosticLines(r.file, r.diagnostics));
  const count = (severity: Diagnostic['severity']): number =>
    results.reduce((sum, r) => sum + r.diagnostics.filter((d) => d.severity === severity).length, 0);
  const invalid = results.filter((r) => !r.valid).length;
  const problems = [plural(count('error'), 'error'), plural(count('warning'), 'warning')].filter((p) => !p.startsWith('0 '));
  const summary =
    `${plural(results.length, 'file')} checked: ${results.length - invalid} valid` +
    `${invalid > 0 ? `, ${invalid} invalid` : ''}${problems.length > 0 ? ` (${problems.join(', ')})` : ''}.`;
  return `${[...lines, summary].join('\n')}\n`;
}
