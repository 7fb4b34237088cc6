import type { CommandLine } from './args.ts';
import { diffReport } from './diff-report.ts';
import { formatDiffMarkdown, formatDiffText } from './diff-format.ts';
import { EXIT, type ExitCode } from './exit-codes.ts';
import type { CliIo } from './io.ts';
import { loadDocument } from './load-document.ts';
import { diagnosticLines } from './text.ts';

/**
 * `event-portal diff <old> <new> [--mode MODE]`: the portal's classification of every change under a compatibility
 * mode (BACKWARD unless told), offline. Exit 1 when a change breaks under the mode, 2 when either file cannot be read
 * or is invalid (there is nothing to compare).
 */
export async function diffCommand(
  { oldFile, newFile, format, mode }: Extract<CommandLine, { command: 'diff' }>,
  io: CliIo,
): Promise<ExitCode> {
  const before = await loadDocument(oldFile);
  const after = await loadDocument(newFile);
  if (!before.valid || !after.valid) {
    for (const refused of [before, after]) {
      if (!refused.valid)
        io.err(
          `${[...diagnosticLines(refused.file, refused.diagnostics), `${refused.file} is invalid: nothing was compared.`].join('\n')}\n`,
        );
    }
    return EXIT.couldNotRun;
  }
  const report = diffReport(before, after, mode);
  if (format === 'json') io.out(`${JSON.stringify(report, null, 2)}\n`);
  else io.out(format === 'markdown' ? formatDiffMarkdown(report) : formatDiffText(report));
  return report.summary.breaking > 0 ? EXIT.no : EXIT.ok;
}
