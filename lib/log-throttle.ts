/**
 * Logs through `write` at most once per `intervalMs`, saying how many calls it left out since: for errors any
 * caller can provoke at will (an open endpoint hit in a loop during an outage), so they cannot flood the log.
 * @example const logHealthFailure = throttledLog((m, e) => log.error(m, e), 60_000); logHealthFailure('…', error);
 */
export function throttledLog(
  write: (message: string, cause?: unknown) => void,
  intervalMs: number,
  now: () => number = Date.now,
): (message: string, cause?: unknown) => void {
  let last = -Infinity;
  let skipped = 0;
  return (message, cause) => {
    if (now() - last < intervalMs) {
      skipped++;
      return;
    }
    write(skipped > 0 ? `${message} (and ${skipped} more times since the last report)` : message, cause);
    last = now();
    skipped = 0;
  };
}
