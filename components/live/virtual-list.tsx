'use client';

import { useCallback, useImperativeHandle, useLayoutEffect, useRef, useState, type HTMLAttributes, type ReactNode, type Ref } from 'react';

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
  // The list's scroll offset and height as last set or seen, so a render never reads them back from the DOM: a
  // read after the rows changed would force a layout of the page in the middle of every frame.
  const top = useRef(0);
  const viewport = useRef(0);

  const scrollTo = useCallback((offset: number) => {
    const element = ref.current;
    if (!element) return;
    element.scrollTop = offset;
    top.current = offset;
    setScrollTop(offset);
  }, []);

  useLayoutEffect(() => {
    const element = ref.current;
    if (!element) return;
    const measure = () => {
      viewport.current = element.clientHeight;
      setHeight(viewport.current);
    };
    measure();
    const observer = new ResizeObserver(measure);
    observer.observe(element);
    return () => observer.disconnect();
  }, []);

  // Runs before paint, so rows prepended above a scrolled list never visibly push it down.
  useLayoutEffect(() => {
    const previous = seen.current;
    seen.current = growth;
    if (growth.generation !== previous.generation) scrollTo(0);
    else if (top.current > 0 && growth.added > previous.added) {
      const bottom = Math.max(0, count * rowHeight - viewport.current);
      scrollTo(Math.min(top.current + (growth.added - previous.added) * rowHeight, bottom));
    }
  }, [growth, rowHeight, count, scrollTo]);

  // After the growth above moved the list, so the window told is the one the next rows must fill.
  useLayoutEffect(() => {
    if (onWindow) onWindow(windowOf(top.current, viewport.current, rowHeight, count, overscan), top.current > 0);
  });

  useImperativeHandle(
    handle,
    () => ({
      revealIndex(index) {
        const element = ref.current;
        if (!element) return;
        const offset = index * rowHeight;
        if (offset < element.scrollTop) scrollTo(offset);
        else if (offset + rowHeight > element.scrollTop + element.clientHeight) scrollTo(offset + rowHeight - element.clientHeight);
      },
    }),
    [rowHeight, scrollTo],
  );

  const range = windowOf(scrollTop, height, rowHeight, count, overscan);
  const rows: ReactNode[] = [];
  for (let index = range.first; index < range.last; index++) rows.push(renderRow(index, index * rowHeight, range));

  return (
    <div
      {...rest}
      ref={ref}
      onScroll={(event) => {
        top.current = event.currentTarget.scrollTop;
        setScrollTop(top.current);
      }}
    >
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
