import type { CommandName } from './args.ts';

const USAGE: Record<CommandName, string> = {
  validate: `event-portal validate <files…> [--format text|json]
  Validates AsyncAPI documents offline, as the portal does on registration. Prints file:line:column: severity:
  message for each error and warning, then a summary. Exit 1 when a file is invalid or cannot be read.`,
  diff: `event-portal diff <old> <new> [--mode <MODE>] [--format text|json|markdown]
  Compares two versions of a document offline, with the portal's classification of each change (breaking,
  unclassified, non-breaking) under a compatibility mode: BACKWARD (the default), BACKWARD_TRANSITIVE, FORWARD,
  FORWARD_TRANSITIVE, FULL, FULL_TRANSITIVE or NONE. --format markdown prints a pull-request comment. Exit 1 when a
  change breaks under the mode (never under NONE), 2 when a file cannot be read or is invalid.`,
  check: `event-portal check <file> --url <portal> [--token <token>] [--timeout <seconds>] [--format text|json]
  Asks the portal whether it would register this version (POST /api/documents?dryRun=true); nothing is stored.
  Exit 1 when the portal refuses it, with the breaking changes or diagnostics.`,
  register: `event-portal register <files…|directory> --url <portal> [--token <token>] [--recursive] [--timeout <seconds>] [--format text|json]
  Validates every file locally, then registers each document's versions in SemVer order (documents in parallel)
  and prints a table of the outcomes. A directory gives its *.yaml, *.yml and *.json files (--recursive: and its
  subdirectories'). Exit 1 when any file is invalid or refused.`,
};

const FOOTER = `The portal's URL and token may come from EVENT_PORTAL_URL and EVENT_PORTAL_TOKEN instead (keep tokens out of
command lines: they show in process lists and CI logs). The token needs the viewer role for check, editor for register.

Exit codes: 0 ok; 1 invalid, breaking or refused; 2 usage error, diff could not compare, or the portal was out of
reach, timed out or answered no verdict.`;

/**
 * The help text: one command's, or every command's.
 * @example helpText('diff')
 */
export function helpText(topic: CommandName | undefined): string {
  const commands = topic ? [USAGE[topic]] : Object.values(USAGE);
  return `Usage:\n\n${commands.join('\n\n')}\n\n${FOOTER}\n`;
}
