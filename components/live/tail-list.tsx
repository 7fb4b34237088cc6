'use client';

import {
  useCallback,
  useImperativeHandle,
  useLayoutEffect,
  useRef,
  useState,
  useSyncExternalStore,
  type FocusEvent,
  type KeyboardEvent,
  type Ref,
} from 'react';
import { TailRow } from './tail-row.tsx';
import type { TailEntry } from './tail-store.ts';
import type { TailView } from './tail-view.ts';
import type { WindowRequest } from './tail-worker-protocol.ts';
import { VirtualList, type RowWindow, type VirtualListHandle } from './virtual-list.tsx';
import './tail-list.css';

const ROW_HEIGHT = 30;
// Narrow screens give the channel a line of its own (tail-list.css): a row there is two lines tall.
const NARROW_SCREEN = '(max-width: 640px)';
const NARROW_ROW_HEIGHT = 48;
const PAGE_ROWS = 10;

interface TailListProps {
  /** The rows on show; only those around the window are there to read. */
  view: TailView<TailEntry>;
  /** Rows ever added to the view, and the view's generation (see TailStore). */
  added: number;
  generation: number;
  /** Asks for the rows of the window the list renders. */
  onWindow: (window: WindowRequest) => void;
  selectedSeq: number | null;
  onSelect: (entry: TailEntry) => void;
  /** Said when there are no rows at all. */
  emptyText: string;
  handle?: Ref<TailListHandle>;
}

export interface TailListHandle {
  /** Scrolls the row numbered `seq` into view and focuses it; false when it is not on show. */
  focusRow: (seq: number) => boolean;
}

/**
 * The received messages, newest first, as a virtualised listbox: click or Enter selects a row, arrows, Page
 * Up/Down, Home and End move between rows. Re-renders when its parent does, i.e. at most once a frame.
 */
export function TailList({ view, added, generation, onWindow, selectedSeq, onSelect, emptyText, handle }: TailListProps) {
  const list = useRef<VirtualListHandle>(null);
  const wrapper = useRef<HTMLDivElement>(null);
  const [focusSeq, setFocusSeq] = useState<number | null>(null);
  const pendingFocus = useRef<number | null>(null);
  const rowHeight = useRowHeight();
  // Read by the key handler, so the rows need not re-render (they are memoised) each time the view changes.
  const current = useRef(view);
  useLayoutEffect(() => {
    current.current = view;
  });
  const focusIndex = focusSeq === null ? -1 : view.indexOf(focusSeq);

  // A row moved to with the keyboard may only exist after this render; focus it once it does.
  useLayoutEffect(() => {
    const seq = pendingFocus.current;
    if (seq === null) return;
    const row = wrapper.current?.querySelector<HTMLElement>(`[data-seq="${seq}"]`);
    if (!row) return;
    row.focus({ preventScroll: true });
    pendingFocus.current = null;
  });

  const onKeyDown = useCallback(
    (event: KeyboardEvent<HTMLDivElement>, entry: TailEntry) => {
      if (event.key === 'Enter' || event.key === ' ') {
        event.preventDefault();
        onSelect(entry);
        return;
      }
      const shown = current.current;
      const target = moveTarget(event.key, shown.indexOf(entry.seq), shown.length);
      const next = target === null ? undefined : shown.at(target);
      if (target === null || !next) return;
      event.preventDefault();
      list.current?.revealIndex(target);
      pendingFocus.current = next.seq;
      setFocusSeq(next.seq);
    },
    [onSelect],
  );

  useImperativeHandle(
    handle,
    () => ({
      focusRow: (seq) => {
        const index = current.current.indexOf(seq);
        if (index < 0) return false;
        list.current?.revealIndex(index);
        pendingFocus.current = seq;
        setFocusSeq(seq);
        return true;
      },
    }),
    [],
  );

  const onFocus = useCallback((event: FocusEvent<HTMLDivElement>) => {
    const seq = Number((event.target as HTMLElement).dataset.seq);
    if (seq) setFocusSeq(seq);
  }, []);

  function renderRow(index: number, top: number, range: RowWindow) {
    const entry = view.at(index);
    if (!entry) return null;
    const focusRendered = focusIndex >= range.first && focusIndex < range.last;
    return (
      <TailRow
        key={entry.seq}
        entry={entry}
        index={index}
        count={view.length}
        top={top}
        selected={entry.seq === selectedSeq}
        tabbable={focusRendered ? index === focusIndex : index === range.firstVisible}
        onSelect={onSelect}
        onKeyDown={onKeyDown}
      />
    );
  }

  return (
    <div className="live-list" ref={wrapper} onFocus={onFocus}>
      <div className="live-list__head" aria-hidden="true">
        <span>Time</span>
        <span>Channel</span>
        <span>Payload</span>
        <span />
        <span className="live-row__size">Size</span>
      </div>
      <VirtualList
        handle={list}
        className="live-list__body"
        role="listbox"
        aria-label="Messages, newest first"
        count={view.length}
        rowHeight={rowHeight}
        growth={{ added, generation }}
        renderRow={renderRow}
        onWindow={(range, scrolled) => onWindow({ first: range.first, last: range.last, added, generation, scrolled })}
      />
      {view.length === 0 && <p className="live-list__empty">{emptyText}</p>}
    </div>
  );
}

/** The rows' height for the screen's width, following it when it changes; the wide one on the server. */
function useRowHeight(): number {
  return useSyncExternalStore(
    subscribeToScreenWidth,
    () => (narrowScreen().matches ? NARROW_ROW_HEIGHT : ROW_HEIGHT),
    () => ROW_HEIGHT,
  );
}

let narrowQuery: MediaQueryList | null = null;

/** One query for the page's lifetime: the list renders every frame, and a new query each time costs a style lookup. */
function narrowScreen(): MediaQueryList {
  narrowQuery ??= window.matchMedia(NARROW_SCREEN);
  return narrowQuery;
}

function subscribeToScreenWidth(onChange: () => void): () => void {
  const query = narrowScreen();
  query.addEventListener('change', onChange);
  return () => query.removeEventListener('change', onChange);
}

function moveTarget(key: string, index: number, length: number): number | null {
  if (index < 0 || length === 0) return null;
  const target =
    key === 'ArrowDown'
      ? index + 1
      : key === 'ArrowUp'
        ? index - 1
        : key === 'PageDown'
          ? index + PAGE_ROWS
          : key === 'PageUp'
            ? index - PAGE_ROWS
            : key === 'Home'
              ? 0
              : key === 'End'
                ? length - 1
                : null;
  return target === null ? null : Math.min(Math.max(target, 0), length - 1);
}
