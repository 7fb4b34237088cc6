/**
 * The CLI's exit codes, the same for every command, so a pipeline step can tell "no" from "could not answer".
 * A run that meets several cases exits with the highest.
 */
export const EXIT = {
  /** Valid; no breaking changes; the portal accepts (or accepted) every document. */
  ok: 0,
  /** A document is invalid or unreadable, the new version breaks its users, or the portal refused a document. */
  no: 1,
  /** The command line is wrong, `diff` could not compare, or the portal was out of reach or answered no verdict. */
  couldNotRun: 2,
} as const;

export type ExitCode = (typeof EXIT)[keyof typeof EXIT];
