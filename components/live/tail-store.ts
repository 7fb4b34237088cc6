import { resolveConformance } from '../../lib/common/conformance.ts';
import type { Conformance, TailBatch, TailGap, TailMessage } from '../../lib/live/events.ts';
import { messageBytes } from '../../lib/common/message-bytes.ts';
import { WeighedRing } from '../../lib/common/weighed-ring.ts';
import { ChannelRates } from './channel-rates.ts';
import { FilterRun, type FilterProgress } from './filter-run.ts';
import { arrayView, firstAtLeast, ringView, type TailView } from './tail-view.ts';
import { compileTriage, NO_FILTER, type CompiledTriage, type TriageFilter } from './triage-filter.ts';

/** A received message as the tail shows it: its conformance joined to its batch's catalogue entry. */
export interface ShownMessage extends Omit<TailMessage, 'conformance'> {
  conformance?: Conformance;
  /** Kept by the portal and sent when the tail opened (a `history` batch), not received live. */
  history?: true;
}

/** What one row shows: a received message, or a stretch of traffic the portal never received. */
type Row = { message: ShownMessage; gap?: never } | { gap: TailGap; message?: never };

/** A row with its place in arrival order, which keys it. */
export type TailEntry = Row & { seq: number };

/** A row of a received message: the only kind that can be selected. */
export type MessageEntry = TailEntry & { message: ShownMessage };

export function isMessageEntry(entry: TailEntry): entry is MessageEntry {
  return entry.message !== undefined;
}

/** What a gap row costs in the byte bound. */
const GAP_BYTES = 64;

interface TailStoreOptions {
  /** Rows kept; the oldest are discarded past it. */
  capacity?: number;
  /** Bytes of messages kept (about), shown or held while paused; the oldest are discarded past it. */
  maxBytes?: number;
  /** Runs `render` before the next paint; defaults to requestAnimationFrame. */
  requestFrame?: (render: () => void) => void;
}

export const TAIL_CAPACITY = 10_000;
const TAIL_BYTES = 64 * 1024 * 1024;

/**
 * The live tail's state outside React: batches land here as they arrive and React re-renders at most once
 * per animation frame (subscribe to it with useSyncExternalStore, whose snapshot is `version`).
 * While paused, new messages are counted and held (up to the capacity) and shown on resume.
 */
export class TailStore {
  total = 0;
  dropped = 0;
  /** Gaps received: stretches of traffic the portal lost and could not count. */
  gaps = 0;
  paused = false;
  /** Rows ever added to the view, so a list scrolled away from the top can keep its place. */
  added = 0;
  /** Changes when the view is replaced (filter, clear) rather than added to. */
  generation = 0;
  readonly rates = new ChannelRates();
  private readonly rows: WeighedRing<TailEntry>;
  private readonly held: WeighedRing<Row>;
  private readonly requestFrame: (render: () => void) => void;
  private readonly capacity: number;
  private triage: CompiledTriage = compileTriage(NO_FILTER);
  /** Judges rows against the filter; null when nothing is filtered. */
  private run: FilterRun<TailEntry> | null = null;
  /** The kept rows that match the filter, oldest first; empty when there is no filter. */
  private matches: TailEntry[] = [];
  private nextSeq = 1;
  private version = 0;
  private framePending = false;
  private readonly listeners = new Set<() => void>();

  constructor({
    capacity = TAIL_CAPACITY,
    maxBytes = TAIL_BYTES,
    requestFrame = (render) => void requestAnimationFrame(render),
  }: TailStoreOptions = {}) {
    this.rows = new WeighedRing<TailEntry>(capacity, maxBytes, rowBytes);
    this.held = new WeighedRing<Row>(capacity, maxBytes, rowBytes);
    this.requestFrame = requestFrame;
    this.capacity = capacity;
  }

  /** Takes one `tail:batch`; cheap enough to call before acknowledging it. */
  ingest = (batch: TailBatch): void => {
    this.total += batch.messages.length;
    this.dropped += batch.dropped;
    const gaps = batch.gaps ?? [];
    this.gaps += gaps.length;
    let nextGap = 0;
    batch.messages.forEach((received, i) => {
      for (; nextGap < gaps.length && gaps[nextGap]!.before <= i; nextGap++) this.add({ gap: gaps[nextGap]! });
      const message = shown(received, batch);
      // Rates are of live traffic: kept messages came in before the tail opened.
      if (!message.history) {
        const { conformance } = message;
        this.rates.count(message.channel, message.receivedAt, conformance?.status ?? null, conformance?.channel?.address ?? null);
      }
      this.add({ message });
    });
    for (; nextGap < gaps.length; nextGap++) this.add({ gap: gaps[nextGap]! });
    this.trimMatches();
    this.changed();
  };

  get heldCount(): number {
    return this.held.size;
  }

  setPaused(paused: boolean): void {
    if (paused === this.paused) return;
    this.paused = paused;
    if (!paused) {
      for (let row = this.held.shift(); row; row = this.held.shift()) this.append(row);
      this.trimMatches();
    }
    this.changed();
  }

  /** Shows only rows whose channel or payload contains `text`, ignoring case (and match the other filters). */
  setFilter(text: string): void {
    this.setTriage({ ...this.triage.filter, text });
  }

  /** Shows only the rows that pass every filter; an expression is judged asynchronously (see `settled`). */
  setTriage(filter: TriageFilter): void {
    if (sameFilter(filter, this.triage.filter)) return;
    this.triage = compileTriage(filter);
    this.restartRun();
    this.generation += 1;
    this.changed();
  }

  get filter(): TriageFilter {
    return this.triage.filter;
  }

  /** Why the expression does not compile, or null. */
  get expressionError(): string | null {
    return this.triage.expressionError;
  }

  /** How the expression is faring over the rows, or null when there is none. */
  get filterProgress(): FilterProgress | null {
    return this.run && this.triage.expression ? this.run.progress : null;
  }

  /** Resolves once the expression has judged every row received so far. */
  async settled(): Promise<void> {
    await this.run?.settled();
  }

  /** Forgets every row and count, as if the page had just opened. */
  clear(): void {
    this.rows.clear();
    this.held.clear();
    this.restartRun();
    this.total = 0;
    this.dropped = 0;
    this.gaps = 0;
    this.generation += 1;
    this.rates.clear();
    this.changed();
  }

  /** Recomputes the rates; call it about once a second. */
  tick(now: number): void {
    this.rates.tick(now);
    this.changed();
  }

  view(): TailView<TailEntry> {
    return this.run ? arrayView(this.matches) : ringView(this.rows);
  }

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => void this.listeners.delete(listener);
  };

  getVersion = (): number => this.version;

  private add(row: Row): void {
    if (this.paused) this.held.push(row);
    else this.append(row);
  }

  private append(row: Row): void {
    const entry: TailEntry = { ...row, seq: this.nextSeq++ };
    this.rows.push(entry);
    if (this.run) this.run.offer(entry);
    else this.added += 1;
  }

  /** Judges every kept row again, oldest first, with the current filter. */
  private restartRun(): void {
    this.run?.cancel();
    this.matches = [];
    this.run = this.triage.active ? this.newRun() : null;
    if (!this.run) return;
    for (let i = this.rows.size - 1; i >= 0; i--) this.run.offer(this.rows.newest(i)!);
  }

  /** Gaps show whatever the filter: the messages they lost might have matched it. */
  private newRun(): FilterRun<TailEntry> {
    const run: FilterRun<TailEntry> = new FilterRun(this.triage, (entry) => entry.message, {
      maxPending: this.capacity,
      onMatch: (entry) => {
        const oldest = this.rows.oldest();
        if (run !== this.run || !oldest || entry.seq < oldest.seq) return;
        this.matches.push(entry);
        this.added += 1;
        this.changed();
      },
      onProgress: () => this.changed(),
    });
    return run;
  }

  /** Drops the matches whose rows the ring has discarded. */
  private trimMatches(): void {
    const oldest = this.rows.oldest();
    if (!oldest || this.matches.length === 0 || this.matches[0]!.seq >= oldest.seq) return;
    this.matches.splice(0, firstAtLeast(this.matches, oldest.seq));
  }

  /** Renders once at the next frame however many changes come before it. */
  private changed(): void {
    if (this.framePending) return;
    this.framePending = true;
    this.requestFrame(() => {
      this.framePending = false;
      this.version += 1;
      for (const listener of this.listeners) listener();
    });
  }
}

function sameFilter(a: TriageFilter, b: TriageFilter): boolean {
  return (
    a.text.trim() === b.text.trim() &&
    a.document.trim() === b.document.trim() &&
    a.message.trim() === b.message.trim() &&
    a.expression.trim() === b.expression.trim() &&
    a.statuses.length === b.statuses.length &&
    a.statuses.every((status) => b.statuses.includes(status))
  );
}

function rowBytes(row: Row): number {
  return row.message ? messageBytes(row.message) : GAP_BYTES;
}

function shown(message: TailMessage, batch: TailBatch): ShownMessage {
  const kept = batch.history ? { history: true as const } : {};
  if (!message.conformance) return batch.history ? { ...message, ...kept } : message;
  return { ...message, ...kept, conformance: resolveConformance(message.conformance, batch.catalogue) };
}
