import type { TailSnapshot, WindowRequest } from './tail-worker-protocol.ts';
import type { TailEntry, TailStore } from './tail-store.ts';
import type { TailView } from './tail-view.ts';

/** Rows sent beyond each edge of the page's window, so Page Up/Down and a quick scroll find their rows at once. */
export const WINDOW_MARGIN = 12;
/** Rows sent at most, whatever the page asks for. */
const MAX_WINDOW_ROWS = 400;

export const EMPTY_SNAPSHOT: TailSnapshot = {
  total: 0,
  dropped: 0,
  gaps: 0,
  paused: false,
  held: 0,
  added: 0,
  generation: 0,
  length: 0,
  start: 0,
  rows: [],
  oldest: null,
  expressionError: null,
  progress: null,
  rate: 0,
  groups: [],
  counts: {},
  tickedAt: 0,
};

/**
 * The store as the page shows it, with the rows of `window`: moved by the rows added since the page asked when its
 * list keeps its place (scrolled away from the top), as the list itself will move.
 * @example post({ type: 'snapshot', snapshot: snapshotOf(store, request) })
 */
export function snapshotOf(store: TailStore, window: WindowRequest): TailSnapshot {
  const view = store.view();
  const shift = window.scrolled && window.generation === store.generation ? store.added - window.added : 0;
  const start = Math.max(0, window.first + shift - WINDOW_MARGIN);
  const end = Math.min(view.length, window.last + shift + WINDOW_MARGIN, start + MAX_WINDOW_ROWS);
  const rows: TailEntry[] = [];
  for (let i = start; i < end; i++) rows.push(view.at(i)!);
  const { rates } = store;
  const counts: Record<string, number> = {};
  for (const group of rates.groups) for (const { channel } of group.channels) counts[channel] = rates.countOf(channel) ?? 0;
  const progress = store.filterProgress;
  return {
    total: store.total,
    dropped: store.dropped,
    gaps: store.gaps,
    paused: store.paused,
    held: store.heldCount,
    added: store.added,
    generation: store.generation,
    length: view.length,
    start,
    rows,
    oldest: view.at(view.length - 1) ?? null,
    expressionError: store.expressionError,
    progress: progress && { ...progress },
    rate: rates.overall,
    groups: rates.groups,
    counts,
    tickedAt: rates.tickedAt,
  };
}

/** The snapshot's rows as a view: only its window (and the oldest row) are there to read. */
export function windowView(snapshot: TailSnapshot): TailView<TailEntry> {
  const { rows, start, length, oldest } = snapshot;
  return {
    length,
    at: (index) => rows[index - start] ?? (index === length - 1 && oldest ? oldest : undefined),
    indexOf: (seq) => {
      const at = rows.findIndex((row) => row.seq === seq);
      if (at >= 0) return start + at;
      return oldest?.seq === seq ? length - 1 : -1;
    },
  };
}
