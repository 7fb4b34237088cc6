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
import type { TailEntry, TailStore } from './tail-store.ts';
import { VirtualList, type RowWindow, type VirtualListHandle } from './virtual-list.tsx';
import './tail-list.css';

const ROW_HEIGHT = 30;
// Narrow screens give the channel a line of its own (tail-list.css): a row there is two lines tall.
const NARROW_SCREEN = '(max-width: 640px)';
const NARROW_ROW_HEIGHT = 48;
const PAGE_ROWS = 10;

interface TailListProps {
  store: TailStore;
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
export function TailList({ store, selectedSeq, onSelect, emptyText, handle }: TailListProps) {
  const list = useRef<VirtualListHandle>(null);
  const wrapper = useRef<HTMLDivElement>(null);
  const [focusSeq, setFocusSeq] = useState<number | null>(null);
  const pendingFocus = useRef<number | null>(null);
  const rowHeight = useRowHeight();
  const view = store.view();
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
      const current = store.view();
      const target = moveTarget(event.key, current.indexOf(entry.seq), current.length);
      const next = target === null ? undefined : current.at(target);
      if (target === null || !next) return;
      event.preventDefault();
      list.current?.revealIndex(target);
      pendingFocus.current = next.seq;
      setFocusSeq(next.seq);
    },
    [store, onSelect],
  );

  useImperativeHandle(
    handle,
    () => ({
      focusRow: (seq) => {
        const index = store.view().indexOf(seq);
        if (index < 0) return false;
        list.current?.revealIndex(index);
        pendingFocus.current = seq;
        setFocusSeq(seq);
        return true;
      },
    }),
    [store],
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
        growth={{ added: store.added, generation: store.generation }}
        renderRow={renderRow}
      />
      {view.length === 0 && <p className="live-list__empty">{emptyText}</p>}
    </div>
  );
}

/** The rows' height for the screen's width, following it when it changes; the wide one on the server. */
function useRowHeight(): number {
  return useSyncExternalStore(
    subscribeToScreenWidth,
    () => (window.matchMedia(NARROW_SCREEN).matches ? NARROW_ROW_HEIGHT : ROW_HEIGHT),
    () => ROW_HEIGHT,
  );
}

function subscribeToScreenWidth(onChange: () => void): () => void {
  const query = window.matchMedia(NARROW_SCREEN);
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
