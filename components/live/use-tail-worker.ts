'use client';

import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { announceBrokerState } from '../layout/broker-state-signal.ts';
import type { LinkRequest, LinkState } from './tail-link.ts';
import { EMPTY_SNAPSHOT } from './tail-snapshot.ts';
import type { PageToWorker, TailSnapshot, WindowRequest, WorkerToPage } from './tail-worker-protocol.ts';
import type { TriageFilter } from './triage-filter.ts';

/** The live tail as the page drives it: the link's state, the latest snapshot, and what the page may ask of the worker. */
export interface TailWorker extends LinkState {
  snapshot: TailSnapshot;
  follow: (pattern: string) => Promise<boolean>;
  unfollow: (pattern: string) => Promise<boolean>;
  followShard: (channel: string) => Promise<boolean>;
  unfollowShard: (channel: string) => Promise<boolean>;
  setPaused: (paused: boolean) => void;
  setTriage: (filter: TriageFilter) => void;
  clear: () => void;
  /** Tells the worker which rows the list renders; also says the last snapshot was rendered. */
  showWindow: (window: WindowRequest) => void;
  /** The kept rows on show (after the filters), oldest first, as NDJSON. */
  exportNdjson: () => Promise<string>;
}

/**
 * Starts the tail's Web Worker (components/live/tail-worker.ts), which owns the socket, the ring and the filters,
 * and re-renders with each snapshot it sends (at most one a frame, and only once the last one was rendered).
 * @example const tail = useTailWorker(['*']); tail.snapshot.total
 */
export function useTailWorker(initialPatterns: string[]): TailWorker {
  const worker = useRef<Worker | null>(null);
  const replies = useRef(new Map<number, (value: never) => void>());
  const nextId = useRef(1);
  const [snapshot, setSnapshot] = useState(EMPTY_SNAPSHOT);
  const [link, setLink] = useState<LinkState>({
    socket: 'connecting',
    broker: null,
    patterns: initialPatterns,
    patternError: null,
    shards: [],
    shardError: null,
  });
  const patterns = useRef(initialPatterns);

  useEffect(() => {
    const started = new Worker(new URL('./tail-worker.ts', import.meta.url), { type: 'module', name: 'live-tail' });
    worker.current = started;
    const pending = replies.current;
    started.onmessage = ({ data }: MessageEvent<WorkerToPage>) => {
      if (data.type === 'snapshot') setSnapshot(data.snapshot);
      else if (data.type === 'link') {
        setLink(data.state);
        if (data.state.broker) announceBrokerState(data.state.broker);
      } else {
        const settle = pending.get(data.id) as ((value: boolean | string) => void) | undefined;
        pending.delete(data.id);
        settle?.(data.type === 'reply' ? data.ok : data.text);
      }
    };
    send(started, { type: 'start', patterns: patterns.current });
    return () => {
      worker.current = null;
      pending.clear();
      started.terminate();
    };
  }, []);

  const post = useCallback((message: PageToWorker) => {
    if (worker.current) send(worker.current, message);
  }, []);

  const ask = useCallback(<T>(message: (id: number) => PageToWorker, fallback: T): Promise<T> => {
    if (!worker.current) return Promise.resolve(fallback);
    const id = nextId.current++;
    const answer = new Promise<T>((resolve) => replies.current.set(id, resolve));
    send(worker.current, message(id));
    return answer;
  }, []);

  const actions = useMemo(() => {
    const request = (kind: LinkRequest) => (subject: string) => ask((id) => ({ type: 'request', id, kind, subject }), false);
    return {
      follow: request('follow'),
      unfollow: request('unfollow'),
      followShard: request('followShard'),
      unfollowShard: request('unfollowShard'),
      setPaused: (paused: boolean) => post({ type: 'pause', paused }),
      setTriage: (filter: TriageFilter) => post({ type: 'triage', filter }),
      clear: () => post({ type: 'clear' }),
      showWindow: (window: WindowRequest) => post({ type: 'window', window }),
      exportNdjson: () => ask((id) => ({ type: 'export', id }), ''),
    };
  }, [ask, post]);

  return { ...link, snapshot, ...actions };
}

function send(worker: Worker, message: PageToWorker): void {
  worker.postMessage(message);
}
