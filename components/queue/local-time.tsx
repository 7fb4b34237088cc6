'use client';

import { useSyncExternalStore } from 'react';
import { formatClock } from '../live/format.ts';

const noSubscription = () => () => {};

/**
 * A time of day in the viewer's time zone. The server does not know that zone, so it renders the bare
 * <time> and the browser fills it in right after hydration, without a mismatch.
 */
export function LocalTime({ ms }: { ms: number }) {
  const onClient = useSyncExternalStore(
    noSubscription,
    () => true,
    () => false,
  );
  if (!Number.isFinite(ms) || ms <= 0) return <span className="muted">—</span>;
  const date = new Date(ms);
  return (
    <time dateTime={date.toISOString()} title={onClient ? date.toLocaleString() : undefined}>
      {onClient ? `${sameDay(date) ? '' : `${date.toLocaleDateString()} `}${formatClock(ms)}` : ''}
    </time>
  );
}

function sameDay(date: Date): boolean {
  return date.toDateString() === new Date().toDateString();
}
