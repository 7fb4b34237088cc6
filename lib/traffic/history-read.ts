import type { BrokerClient } from '../broker/redis.ts';
import type { RecentMessage } from '../live/events.ts';
import { readEntry, recentMessage, type HistoryEntry } from './history-entry.ts';
import type { TrafficKeys } from './keys.ts';

/** Entries read per XREVRANGE: at most about 4 MiB with 16 KiB payloads. */
const READ_CHUNK = 250;
/** Most entries one read looks at, matching or not, so a narrow filter cannot walk 50 MB of history. */
export const MAX_SCANNED = 5_000;

export interface HistoryRead {
  matches: (entry: HistoryEntry) => boolean;
  limit: number;
  /** Entries older than this (ms) are left out, whether or not the stream has been trimmed yet. */
  maxAgeMs: number;
  /** Only messages received at or before this time (ms since the epoch). */
  until?: number;
  scanLimit?: number;
}

/**
 * The newest kept messages that match, newest first: read from the end of the history stream in chunks (XREVRANGE
 * COUNT), filtered on the entry's own fields, each match's JSON parsed, at most `scanLimit` entries looked at.
 * @example await readHistory(redis, keys, { matches: historyMatcher({ status: 'violates' }), limit: 100, maxAgeMs })
 */
export async function readHistory(client: BrokerClient, keys: TrafficKeys, read: HistoryRead): Promise<RecentMessage[]> {
  const { matches, limit, maxAgeMs, until, scanLimit = MAX_SCANNED } = read;
  const found: RecentMessage[] = [];
  const oldest = String(Math.max(0, Date.now() - maxAgeMs));
  let end = '+';
  let scanned = 0;
  while (found.length < limit && scanned < scanLimit) {
    const count = Math.min(READ_CHUNK, scanLimit - scanned);
    const chunk = await client.xrevrange(keys.history, end, oldest, 'COUNT', count);
    for (const [, fields] of chunk) {
      scanned += 1;
      const entry = readEntry(fields);
      if (!entry || (until !== undefined && entry.receivedAt > until) || !matches(entry)) continue;
      const message = recentMessage(entry);
      if (message) found.push(message);
      if (found.length === limit) break;
    }
    if (chunk.length < count) break;
    end = `(${chunk.at(-1)![0]}`;
  }
  return found;
}
