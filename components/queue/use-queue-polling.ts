'use client';

import { useState } from 'react';
import { useVisiblePolling } from '../ui/use-visible-polling.ts';
import { fetchQueueSnapshot, type QueueSnapshot } from './queue-snapshot.ts';

/**
 * The queue's snapshot, refreshed every `intervalMs` while the tab is visible (and at once when it is shown
 * again). `updatedAt` is when the last answer arrived, in ms since the epoch; null for the server's first one.
 */
export function useQueuePolling(
  initial: QueueSnapshot,
  intervalMs: number,
): { snapshot: QueueSnapshot; updatedAt: number | null; lastGood: QueueSnapshot | null } {
  const [state, setState] = useState({
    snapshot: initial,
    updatedAt: null as number | null,
    lastGood: initial.kind === 'ok' ? initial : null,
  });

  useVisiblePolling({
    intervalMs,
    immediate: false,
    fetch: fetchQueueSnapshot,
    onAnswer: (next) =>
      setState((previous) => ({ snapshot: next, updatedAt: Date.now(), lastGood: next.kind === 'ok' ? next : previous.lastGood })),
  });

  return state;
}
