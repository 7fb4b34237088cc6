import type { PortalOptions } from './args.ts';
import { EXIT, type ExitCode } from './exit-codes.ts';
import type { CliIo } from './io.ts';
import { interpretAnswer } from './portal-answer.ts';
import { postDocument } from './portal-client.ts';
import { readDocumentFile } from './read-file.ts';
import { diagnosticLines } from './text.ts';
import { formatCheck } from './verdict-format.ts';

/**
 * `event-portal check <file>`: asks the portal whether it would register this version (`?dryRun=true`: it checks
 * everything registering checks, against the catalogue as it is, and stores nothing). The portal validates the
 * text itself, so its parser decides, not this one. Exit 1 when it refuses; a PortalRequestError (exit 2) when
 * it cannot be asked.
 */
export async function checkCommand(file: string, portal: PortalOptions, format: 'text' | 'json', io: CliIo): Promise<ExitCode> {
  const read = await readDocumentFile(file);
  if (!read.readable) {
    io.err(`${diagnosticLines(file, read.diagnostics).join('\n')}\n`);
    return EXIT.no;
  }
  const answer = await postDocument(portal, read.text, { dryRun: true });
  const verdict = interpretAnswer(answer);
  if (format === 'json')
    io.out(`${JSON.stringify({ file, verdict: verdict.kind, httpStatus: answer.status, answer: answer.body }, null, 2)}\n`);
  else io.out(formatCheck(file, verdict, { token: portal.token !== undefined }));
  return verdict.kind === 'accepted' ? EXIT.ok : verdict.kind === 'refused' ? EXIT.no : EXIT.couldNotRun;
}
