/** The server's log: one line per event, to stderr, so stdout stays free for tools that pipe it. */
export const log = {
  info: (message: string): void => void process.stderr.write(`[portal] ${message}\n`),
  warn: (message: string): void => void process.stderr.write(`[portal] warn: ${message}\n`),
  error: (message: string, cause?: unknown): void =>
    void process.stderr.write(`[portal] error: ${message}${cause instanceof Error ? `: ${cause.stack ?? cause.message}` : ''}\n`),
};
