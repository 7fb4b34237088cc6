'use client';

import { useEffect, useState } from 'react';
import { fetchQueueSnapshot, type QueueSnapshot } from './queue-snapshot';

/**
 * The queue's snapshot, refreshed every `intervalMs` while the tab is visible (and at once when it is shown
 * again). `updatedAt` is when the last answer arrived, in ms since the epoch; null for the server's first one.
 */
export function useQueuePolling(initial: QueueSnapshot, intervalMs: number): { snapshot: QueueSnapshot; updatedAt: number | null; lastGood: QueueSnapshot | null } {
  const [state, setState] = useState({ snapshot: initial, updatedAt: null as number | null, lastGood: initial.kind === 'ok' ? initial : null });

  useEffect(() => {
    let timer: ReturnType<typeof setTimeout> | undefined;
    let controller: AbortController | undefined;
    let stopped = false;

    async function poll(): Promise<void> {
      clearTimeout(timer);
      controller?.abort();
      controller = new AbortController();
      const next = await fetchQueueSnapshot(controller.signal);
      if (stopped || next === null) return;
      setState((previous) => ({ snapshot: next, updatedAt: Date.now(), lastGood: next.kind === 'ok' ? next : previous.lastGood }));
      timer = setTimeout(() => void poll(), intervalMs);
    }
    function onVisibility(): void {
      if (document.visibilityState === 'visible') void poll();
      else {
        clearTimeout(timer);
        controller?.abort();
      }
    }

    timer = setTimeout(() => void poll(), intervalMs);
    document.addEventListener('visibilitychange', onVisibility);
    return () => {
      stopped = true;
      clearTimeout(timer);
      controller?.abort();
      document.removeEventListener('visibilitychange', onVisibility);
    };
  }, [intervalMs]);

  return state;
}
