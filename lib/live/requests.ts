import { isPortalChannel } from '../common/portal-channels.ts';
import type { ShardAck, TailAck } from './events.ts';
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

/** Most kept messages a `tail:subscribe` may ask for first. */
export const MAX_HISTORY = 1_000;

/** How many kept messages a `tail:subscribe` asks for (`history`, none when absent); throws with what to send instead. */
export function parseHistory(history: unknown): number {
  if (history === undefined || history === null) return 0;
  if (typeof history !== 'number' || !Number.isInteger(history) || history < 0 || history > MAX_HISTORY)
    throw new Error(`history must be a whole number from 0 to ${MAX_HISTORY}: how many recent messages to send first.`);
  return history;
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

/** The distinct channels of a `tail:ssubscribe` / `tail:sunsubscribe` request; throws with what to send instead. */
export function parseShardChannels(channels: unknown, maxLength: number): string[] {
  if (!Array.isArray(channels) || channels.length === 0)
    throw new Error('Send { "channels": ["orders.created"] }: a non-empty list of exact shard channel names.');
  for (const channel of channels) {
    if (typeof channel !== 'string' || channel.length === 0) throw new Error('A shard channel must be a non-empty string.');
    if (channel.length > maxLength) throw new Error(`A shard channel must be at most ${maxLength} characters (LIVE_MAX_PATTERN_LENGTH).`);
    if (/[\u0000-\u001f\u007f]/.test(channel))
      throw new Error(`${JSON.stringify(channel)}: a shard channel must not contain control characters.`);
    if (isPortalChannel(channel))
      throw new Error(`${JSON.stringify(channel)} is one of the portal's own channels, not the system's traffic.`);
  }
  return [...new Set(channels as string[])];
}

/** Acknowledges a shard request with the client's shard channels once `action` is done, or with the error it threw. */
export function respondShards(ack: unknown, action: () => string[] | Promise<string[]>): void {
  const answer = (result: ShardAck): void => {
    if (typeof ack === 'function') (ack as (r: ShardAck) => void)(result);
  };
  Promise.resolve()
    .then(action)
    .then(
      (channels) => answer({ ok: true, channels }),
      (error: unknown) => answer({ ok: false, error: (error as Error).message }),
    );
}
