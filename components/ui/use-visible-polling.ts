'use client';

import { useEffect, useEffectEvent } from 'react';

interface VisiblePolling<T> {
  /** One request; resolves null when it was aborted. */
  fetch: (signal: AbortSignal) => Promise<T | null>;
  /** Each answer, in order; not called after unmount. */
  onAnswer: (answer: T) => void;
  intervalMs: number;
  /** Poll at once on mount (default), or first after `intervalMs` when the server already rendered an answer. */
  immediate?: boolean;
  /** Polling starts over when this changes (e.g. the document shown). */
  key?: string;
}

/**
 * Polls every `intervalMs` while the tab is visible: a hidden tab stops and aborts its request, and polls at
 * once when it is shown again. A new poll aborts one still in flight.
 * @example useVisiblePolling({ fetch: readHealth, onAnswer: setHealth, intervalMs: 10_000 });
 */
export function useVisiblePolling<T>({ fetch, onAnswer, intervalMs, immediate = true, key = '' }: VisiblePolling<T>): void {
  const request = useEffectEvent(fetch);
  const answer = useEffectEvent(onAnswer);

  useEffect(() => {
    let timer: ReturnType<typeof setTimeout> | undefined;
    let controller: AbortController | undefined;
    let stopped = false;

    async function poll(): Promise<void> {
      clearTimeout(timer);
      controller?.abort();
      controller = new AbortController();
      const next = await request(controller.signal);
      if (stopped || next === null) return;
      answer(next);
      if (document.visibilityState === 'visible') timer = setTimeout(() => void poll(), intervalMs);
    }
    function onVisibility(): void {
      if (document.visibilityState === 'visible') return void poll();
      clearTimeout(timer);
      controller?.abort();
    }

    if (immediate) void poll();
    else timer = setTimeout(() => void poll(), intervalMs);
    document.addEventListener('visibilitychange', onVisibility);
    return () => {
      stopped = true;
      clearTimeout(timer);
      controller?.abort();
      document.removeEventListener('visibilitychange', onVisibility);
    };
  }, [intervalMs, immediate, key]);
}
