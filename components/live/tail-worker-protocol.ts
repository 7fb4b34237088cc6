import type { ChannelGroupRate } from './channel-groups.ts';
import type { FilterProgress } from './filter-run.ts';
import type { LinkRequest, LinkState } from './tail-link.ts';
import type { TailEntry } from './tail-store.ts';
import type { TriageFilter } from './triage-filter.ts';

/** The rows the page renders, by index in the view (newest first), as of the snapshot numbered `added`. */
export interface WindowRequest {
  first: number;
  last: number;
  added: number;
  generation: number;
  /** The list is scrolled away from the top: it keeps its rows in place as new ones arrive, so the window moves with them. */
  scrolled: boolean;
}

/** What the page sends the tail's worker. */
export type PageToWorker =
  | { type: 'start'; patterns: string[] }
  | { type: 'window'; window: WindowRequest }
  | { type: 'pause'; paused: boolean }
  | { type: 'triage'; filter: TriageFilter }
  | { type: 'clear' }
  | { type: 'request'; id: number; kind: LinkRequest; subject: string }
  | { type: 'export'; id: number };

/** Everything the page shows of the tail at one moment: the counters and rates, and the rows of its window. */
export interface TailSnapshot {
  total: number;
  dropped: number;
  gaps: number;
  paused: boolean;
  held: number;
  added: number;
  generation: number;
  /** Rows on show (after the filters). */
  length: number;
  /** The index of `rows[0]` in the view. */
  start: number;
  rows: TailEntry[];
  /** The oldest row on show, for End. */
  oldest: TailEntry | null;
  expressionError: string | null;
  progress: FilterProgress | null;
  rate: number;
  groups: ChannelGroupRate[];
  /** The live count of each channel in `groups`. */
  counts: Record<string, number>;
  tickedAt: number;
}

/** What the tail's worker sends the page. */
export type WorkerToPage =
  | { type: 'snapshot'; snapshot: TailSnapshot }
  | { type: 'link'; state: LinkState }
  | { type: 'reply'; id: number; ok: boolean }
  | { type: 'export'; id: number; text: string };
