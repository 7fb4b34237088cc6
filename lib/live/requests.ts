import type { TailAck } from './events.ts';
import { patternProblem } from './glob.ts';

/** The distinct patterns of a `tail:subscribe` / `tail:unsubscribe` request; throws with what to send instead. */
export function parsePatterns(patterns: unknown, maxLength: number): string[] {
  if (!Array.isArray(patterns) || patterns.length === 0)
    throw new Error('Send { "patterns": ["orders.*"] }: a non-empty list of Redis glob patterns.');
  for (const pattern of patterns) {
    const problem = patternProblem(pattern, maxLength);
    if (problem) throw new Error(`${JSON.stringify(pattern)}: ${problem}`);
  }
  return [...new Set(patterns as string[])];
}

/** Acknowledges a request with the client's patterns after `action`, or with the error it threw. */
export function respond(ack: unknown, action: () => string[]): void {
  let result: TailAck;
  try {
    result = { ok: true, patterns: action() };
  } catch (error) {
    result = { ok: false, error: (error as Error).message };
  }
  if (typeof ack === 'function') (ack as (r: TailAck) => void)(result);
}
