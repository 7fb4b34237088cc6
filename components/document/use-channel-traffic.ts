'use client';

import { useEffect, useState } from 'react';
import type { CataloguedChannelTraffic, TrafficSnapshot } from '@/lib/conformance/traffic';

export type TrafficState =
  | { kind: 'loading' }
  | { kind: 'ok'; channels: CataloguedChannelTraffic[]; since: number; updatedAt: number }
  | { kind: 'error'; message: string; last: CataloguedChannelTraffic[] | null };

/** A document's live traffic from GET /api/conformance, refreshed every `intervalMs` while the tab is visible. */
export function useChannelTraffic(slug: string, intervalMs: number): TrafficState {
  const [state, setState] = useState<TrafficState>({ kind: 'loading' });

  useEffect(() => {
    let timer: ReturnType<typeof setTimeout> | undefined;
    let controller: AbortController | undefined;
    let stopped = false;

    async function poll(): Promise<void> {
      clearTimeout(timer);
      controller?.abort();
      controller = new AbortController();
      const next = await fetchTraffic(slug, controller.signal);
      if (stopped || next === null) return;
      setState((previous) =>
        next.kind === 'error' ? { ...next, last: previous.kind === 'ok' ? previous.channels : previous.kind === 'error' ? previous.last : null } : next,
      );
      if (document.visibilityState === 'visible') timer = setTimeout(() => void poll(), intervalMs);
    }
    function onVisibility(): void {
      if (document.visibilityState === 'visible') void poll();
      else clearTimeout(timer);
    }

    void poll();
    document.addEventListener('visibilitychange', onVisibility);
    return () => {
      stopped = true;
      clearTimeout(timer);
      controller?.abort();
      document.removeEventListener('visibilitychange', onVisibility);
    };
  }, [slug, intervalMs]);

  return state;
}

/** One answer of the API as a state; null when the request was aborted. */
async function fetchTraffic(slug: string, signal: AbortSignal): Promise<TrafficState | null> {
  try {
    const response = await fetch(`/api/conformance?slug=${encodeURIComponent(slug)}`, { signal, cache: 'no-store' });
    const body = (await response.json().catch(() => null)) as (TrafficSnapshot & { error?: string }) | null;
    if (!response.ok || !body) return { kind: 'error', message: body?.error ?? `The portal answered ${response.status}.`, last: null };
    return { kind: 'ok', channels: body.catalogued, since: body.since, updatedAt: Date.now() };
  } catch (error) {
    if (signal.aborted) return null;
    return { kind: 'error', message: `The portal cannot be reached (${(error as Error).message}).`, last: null };
  }
}
