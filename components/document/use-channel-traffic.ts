'use client';

import { useState } from 'react';
import { useVisiblePolling } from '../ui/use-visible-polling.ts';
import type { CataloguedChannelTraffic, TrafficSnapshot } from '../../lib/conformance/traffic.ts';

type TrafficState =
  | { kind: 'loading' }
  | { kind: 'ok'; channels: CataloguedChannelTraffic[]; since: number; updatedAt: number }
  | { kind: 'error'; message: string; last: CataloguedChannelTraffic[] | null; updatedAt: number };

/** A document's live traffic from GET /api/conformance, refreshed every `intervalMs` while the tab is visible. */
export function useChannelTraffic(slug: string, intervalMs: number): TrafficState {
  const [state, setState] = useState<TrafficState>({ kind: 'loading' });

  useVisiblePolling({
    key: slug,
    intervalMs,
    fetch: (signal) => fetchTraffic(slug, signal),
    onAnswer: (next) =>
      setState((previous) =>
        next.kind === 'error'
          ? { ...next, last: previous.kind === 'ok' ? previous.channels : previous.kind === 'error' ? previous.last : null }
          : next,
      ),
  });
  return state;
}

/** One answer of the API as a state; null when the request was aborted. */
async function fetchTraffic(slug: string, signal: AbortSignal): Promise<TrafficState | null> {
  try {
    const response = await fetch(`/api/conformance?slug=${encodeURIComponent(slug)}`, { signal, cache: 'no-store' });
    const body = (await response.json().catch(() => null)) as (TrafficSnapshot & { error?: string }) | null;
    if (!response.ok || !body)
      return { kind: 'error', message: body?.error ?? `The portal answered ${response.status}.`, last: null, updatedAt: Date.now() };
    return { kind: 'ok', channels: body.catalogued, since: body.since, updatedAt: Date.now() };
  } catch (error) {
    if (signal.aborted) return null;
    return { kind: 'error', message: `The portal cannot be reached (${(error as Error).message}).`, last: null, updatedAt: Date.now() };
  }
}
