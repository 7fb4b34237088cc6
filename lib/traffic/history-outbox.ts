import type { BrokerClient } from '../broker/redis.ts';
import { WeighedRing } from '../common/weighed-ring.ts';
import type { InspectedMessage } from '../conformance/result.ts';
import { appendHistory, type AppendOutcome } from './history-append.ts';
import { entryBytes, historyEntry, type HistoryBounds, type HistoryEntry } from './history-entry.ts';
import type { TrafficKeys } from './keys.ts';

/** Entries waiting to be appended while Redis is slow or away, past which the oldest are dropped. */
const PENDING_ENTRIES = 20_000;
const PENDING_BYTES = 16 * 1024 * 1024;
/** Most entries (and bytes of them) in one append script, so no one call holds Redis up for long. */
const APPEND_ENTRIES = 1_000;
const APPEND_BYTES = 4 * 1024 * 1024;
/** Appends per flush: about 4,000 messages each 250 ms; more is kept in `pending`, bounded. */
const APPENDS_PER_FLUSH = 4;

/**
 * The lease holder's history entries on their way to the history stream (history-append.ts): recorded as counted,
 * sent in bounded batches, a batch whose reply was lost sent again under its number.
 * @example outbox.record(inspection, channel, payload, at); await outbox.flush(redis, keys, token);
 */
export class HistoryOutbox {
  private readonly pending = new WeighedRing<HistoryEntry>(PENDING_ENTRIES, PENDING_BYTES, entryBytes);
  private unsent: { id: number; entries: HistoryEntry[] } | null = null;
  private sent = 0;

  constructor(readonly bounds: HistoryBounds) {}

  get empty(): boolean {
    return this.unsent === null && this.pending.size === 0;
  }

  record(inspection: InspectedMessage, channel: string, payload: Buffer, at: number): void {
    this.pending.push(historyEntry(inspection, channel, payload, at, this.bounds.messageBytes));
  }

  /** Appends what is pending under `token`; 'fenced' when another instance holds the lease. */
  async flush(client: BrokerClient, keys: TrafficKeys, token: string): Promise<AppendOutcome | 'empty'> {
    let outcome: AppendOutcome | 'empty' = 'empty';
    for (let round = 0; round < APPENDS_PER_FLUSH && !this.empty; round++) {
      this.unsent ??= { id: ++this.sent, entries: this.pending.take(APPEND_ENTRIES, APPEND_BYTES) };
      outcome = await appendHistory(client, keys, { token, ...this.unsent, bounds: this.bounds });
      this.unsent = null;
      if (outcome === 'fenced') break;
    }
    return outcome;
  }

  /** Forgets what is pending and starts numbering afresh, for the next tenure. */
  forget(): void {
    this.pending.clear();
    this.unsent = null;
    this.sent = 0;
  }
}
