import { parseCommandLine, UsageError, type CommandLine } from './args.ts';
import { FileCollectionError } from './collect-files.ts';
import { EXIT, type ExitCode } from './exit-codes.ts';
import { helpText } from './help.ts';
import type { CliIo } from './io.ts';
import { PortalRequestError } from './portal-client.ts';

/**
 * Runs one `event-portal` command line and resolves with its exit code (see exit-codes.ts); never throws.
 * @example process.exitCode = await runCli(process.argv.slice(2), process.env, { out: (t) => process.stdout.write(t), err: … });
 */
export async function runCli(argv: readonly string[], env: Readonly<Record<string, string | undefined>>, io: CliIo): Promise<ExitCode> {
  try {
    const line = parseCommandLine(argv, env);
    if (line.command === 'help') {
      // Asked for, help is the answer; with no command at all it is a usage error.
      if (argv.length > 0) io.out(helpText(line.topic));
      else io.err(helpText(undefined));
      return argv.length > 0 ? EXIT.ok : EXIT.couldNotRun;
    }
    return await runCommand(line, io);
  } catch (error) {
    if (error instanceof UsageError)
      io.err(`event-portal: ${error.message}\nRun event-portal --help for the commands and their options.\n`);
    else if (error instanceof PortalRequestError || error instanceof FileCollectionError) io.err(`event-portal: ${error.message}\n`);
    else io.err(`event-portal: unexpected failure: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    return EXIT.couldNotRun;
  }
}

// Each command is loaded when run: the parser takes over a second to load, and `check` does not need it.
async function runCommand(line: Exclude<CommandLine, { command: 'help' }>, io: CliIo): Promise<ExitCode> {
  switch (line.command) {
    case 'validate':
      return (await import('./validate-command.ts')).validateCommand(line.files, line.format, io);
    case 'diff':
      return (await import('./diff-command.ts')).diffCommand(line, io);
    case 'check':
      return (await import('./check-command.ts')).checkCommand(line.file, line.portal, line.format, io);
    case 'register':
      return (await import('./register-command.ts')).registerCommand(line.paths, line, io);
  }
}
