import type { BrokerClient } from '../broker/redis.ts';
import type { RecentMessage } from '../live/events.ts';
import { readEntry, recentMessage, type HistoryEntry } from './history-entry.ts';
import type { TrafficKeys } from './keys.ts';

/** Entries read per XREVRANGE at most: about 4 MiB with 16 KiB payloads. */
const READ_CHUNK = 250;
/** What one XREVRANGE may bring back at most, with entries as large as `entryBytes` allows. */
const CHUNK_BYTES = 4 * 1024 * 1024;
/** The payload bytes one answer holds at most, however many messages `limit` allows: 1,000 of 1 MiB would be 1 GiB. */
export const MAX_ANSWER_BYTES = 8 * 1024 * 1024;
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
  /** The largest payload an entry holds (HISTORY_MESSAGE_BYTES), so a chunk's reply stays near CHUNK_BYTES. */
  entryBytes?: number;
  /** Payload bytes the answer holds at most; it always holds the newest match. */
  maxBytes?: number;
}

/**
 * The newest kept messages that match, newest first: read from the end of the history stream in chunks (XREVRANGE
 * COUNT), filtered on the entry's own fields, each match's JSON parsed, at most `scanLimit` entries looked at and
 * `maxBytes` of payloads answered.
 * @example await readHistory(redis, keys, { matches: historyMatcher({ status: 'violates' }), limit: 100, maxAgeMs })
 */
export async function readHistory(client: BrokerClient, keys: TrafficKeys, read: HistoryRead): Promise<RecentMessage[]> {
  const { matches, limit, maxAgeMs, until, scanLimit = MAX_SCANNED, entryBytes = 16 * 1024, maxBytes = MAX_ANSWER_BYTES } = read;
  const chunkSize = Math.max(1, Math.min(READ_CHUNK, Math.floor(CHUNK_BYTES / entryBytes)));
  const found: RecentMessage[] = [];
  let bytes = 0;
  const oldest = String(Math.max(0, Date.now() - maxAgeMs));
  let end = '+';
  let scanned = 0;
  while (found.length < limit && scanned < scanLimit) {
    const count = Math.min(chunkSize, scanLimit - scanned);
    const chunk = await client.xrevrange(keys.history, end, oldest, 'COUNT', count);
    for (const [, fields] of chunk) {
      scanned += 1;
      const entry = readEntry(fields);
      if (!entry || (until !== undefined && entry.receivedAt > until) || !matches(entry)) continue;
      const message = recentMessage(entry);
      if (!message) continue;
      bytes += Buffer.byteLength(message.payload);
      if (bytes > maxBytes && found.length > 0) return found;
      found.push(message);
      if (found.length === limit) break;
    }
    if (chunk.length < count) break;
    end = `(${chunk.at(-1)![0]}`;
  }
  return found;
}
