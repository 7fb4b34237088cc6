/** Where a command prints: results on `out`, progress and problems on `err`, so `--format json` stays parseable. */
export interface CliIo {
  out(text: string): void;
  err(text: string): void;
}
