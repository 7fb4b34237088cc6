import type { WeighedRing } from '../../lib/common/weighed-ring.ts';

/** What a view orders its rows by: their place in arrival order. */
interface Sequenced {
  seq: number;
}

/** The rows on show, newest first: every kept message, or those matching the filter. */
export interface TailView<T extends Sequenced> {
  readonly length: number;
  at(index: number): T | undefined;
  /** The row index of the entry numbered `seq`, or -1 when it is not on show. */
  indexOf(seq: number): number;
}

/** Every row of the ring. */
export function ringView<T extends Sequenced>(ring: WeighedRing<T>): TailView<T> {
  const newestSeq = ring.newest(0)?.seq ?? 0;
  return {
    length: ring.size,
    at: (index) => ring.newest(index),
    indexOf: (seq) => (seq <= newestSeq && newestSeq - seq < ring.size ? newestSeq - seq : -1),
  };
}

/** The rows of `entries`, kept in ascending seq order. */
export function arrayView<T extends Sequenced>(entries: T[]): TailView<T> {
  const last = entries.length - 1;
  return {
    length: entries.length,
    at: (index) => entries[last - index],
    indexOf: (seq) => {
      const at = firstAtLeast(entries, seq);
      return entries[at]?.seq === seq ? last - at : -1;
    },
  };
}

/** The index of the first entry whose seq is at least `seq` (entries are in ascending seq order). */
export function firstAtLeast(entries: Sequenced[], seq: number): number {
  let low = 0;
  let high = entries.length;
  while (low < high) {
    const mid = (low + high) >>> 1;
    if (entries[mid]!.seq < seq) low = mid + 1;
    else high = mid;
  }
  return low;
}

/** The messages of a view (not its gaps), oldest first. */
export function* messagesOldestFirst<T extends Sequenced & { message?: M }, M>(view: TailView<T>): Generator<M> {
  for (let i = view.length - 1; i >= 0; i--) {
    const message = view.at(i)?.message;
    if (message) yield message;
  }
}
