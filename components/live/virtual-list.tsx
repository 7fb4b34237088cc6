'use client';

import { useImperativeHandle, useLayoutEffect, useRef, useState, type HTMLAttributes, type ReactNode, type Ref } from 'react';

/** Rows `first` (inclusive) to `last` (exclusive) are in the DOM; `firstVisible` is the top one in view. */
export interface RowWindow {
  first: number;
  last: number;
  firstVisible: number;
}

export interface VirtualListHandle {
  /** Scrolls just enough to show row `index`. */
  revealIndex(index: number): void;
}

/** How the rows changed since the last render: `added` counts rows ever prepended; a new `generation` replaces them all. */
interface ListGrowth {
  added: number;
  generation: number;
}

interface VirtualListProps extends Omit<HTMLAttributes<HTMLDivElement>, 'children'> {
  count: number;
  rowHeight: number;
  /** Rows rendered beyond each edge of the viewport, so fast scrolling shows no gaps. */
  overscan?: number;
  growth: ListGrowth;
  /** Renders row `index`; the row positions itself at `top` pixels. `range` is the rows rendered. */
  renderRow: (index: number, top: number, range: RowWindow) => ReactNode;
  /** Told the rows rendered after every render, and whether the list is scrolled away from the top. */
  onWindow?: (range: RowWindow, scrolled: boolean) => void;
  handle?: Ref<VirtualListHandle>;
}

/**
 * A fixed-row-height virtual scroller: only the rows in view (plus overscan) are in the DOM. New rows arrive at the
 * top; at the top the list follows them, scrolled down it keeps the rows being read in place.
 */
export function VirtualList({ count, rowHeight, overscan = 8, growth, renderRow, onWindow, handle, ...rest }: VirtualListProps) {
  const ref = useRef<HTMLDivElement>(null);
  const [scrollTop, setScrollTop] = useState(0);
  const [height, setHeight] = useState(0);
  const seen = useRef(growth);

  useLayoutEffect(() => {
    const element = ref.current;
    if (!element) return;
    setHeight(element.clientHeight);
    const observer = new ResizeObserver(() => setHeight(element.clientHeight));
    observer.observe(element);
    return () => observer.disconnect();
  }, []);

  // Runs before paint, so rows prepended above a scrolled list never visibly push it down.
  useLayoutEffect(() => {
    const element = ref.current;
    const previous = seen.current;
    seen.current = growth;
    if (!element) return;
    if (growth.generation !== previous.generation) element.scrollTop = 0;
    else if (element.scrollTop > 0 && growth.added > previous.added) element.scrollTop += (growth.added - previous.added) * rowHeight;
    else return;
    setScrollTop(element.scrollTop);
  }, [growth, rowHeight]);

  // After the growth above moved the list, so the window told is the one the next rows must fill.
  useLayoutEffect(() => {
    const element = ref.current;
    if (element && onWindow) onWindow(windowOf(element.scrollTop, element.clientHeight, rowHeight, count, overscan), element.scrollTop > 0);
  });

  useImperativeHandle(
    handle,
    () => ({
      revealIndex(index) {
        const element = ref.current;
        if (!element) return;
        const top = index * rowHeight;
        if (top < element.scrollTop) element.scrollTop = top;
        else if (top + rowHeight > element.scrollTop + element.clientHeight) element.scrollTop = top + rowHeight - element.clientHeight;
        setScrollTop(element.scrollTop);
      },
    }),
    [rowHeight],
  );

  const range = windowOf(scrollTop, height, rowHeight, count, overscan);
  const rows: ReactNode[] = [];
  for (let index = range.first; index < range.last; index++) rows.push(renderRow(index, index * rowHeight, range));

  return (
    <div {...rest} ref={ref} onScroll={(event) => setScrollTop(event.currentTarget.scrollTop)}>
      <div style={{ position: 'relative', height: count * rowHeight }}>{rows}</div>
    </div>
  );
}

function windowOf(scrollTop: number, height: number, rowHeight: number, count: number, overscan: number): RowWindow {
  const firstVisible = Math.min(Math.floor(scrollTop / rowHeight), Math.max(count - 1, 0));
  return {
    first: Math.max(0, firstVisible - overscan),
    last: Math.min(count, Math.ceil((scrollTop + height) / rowHeight) + overscan),
    firstVisible,
  };
}
