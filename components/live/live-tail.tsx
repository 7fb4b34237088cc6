'use client';

import { useCallback, useEffect, useRef, useState, useSyncExternalStore, type KeyboardEvent, type ReactNode } from 'react';
import { RATE_WINDOW_TICKS } from './channel-rates.ts';
import { ChannelRateTable } from './channel-rate-table.tsx';
import { ConnectionStatus } from './connection-status.tsx';
import { ExportButton } from './export-button.tsx';
import type { Allowance } from '../../lib/auth/permissions.ts';
import { RecordButton } from '../recordings/record-button.tsx';
import { PatternForm } from './pattern-form.tsx';
import { ShardChannelForm } from './shard-channel-form.tsx';
import { TailControls } from './tail-controls.tsx';
import { TailCounters } from './tail-counters.tsx';
import { TailDetail } from './tail-detail.tsx';
import { TailList, type TailListHandle } from './tail-list.tsx';
import { isMessageEntry, TAIL_CAPACITY, TailStore, type MessageEntry, type TailEntry } from './tail-store.ts';
import { hasFilter, NO_FILTER, type TriageFilter } from './triage-filter.ts';
import { TriageFilters } from './triage-filters.tsx';
import { useTailSocket } from './use-tail-socket.ts';
import './live.css';
import './triage.css';

const DEFAULT_PATTERNS = ['*'];
const NOT_RECORDING: Allowance = { allowed: false, reason: 'Recording needs the editor role.' };

/**
 * The live tail, following `initialPatterns` (every channel by default) until the user changes them;
 * `shardSuggestions` are the catalogue's exact addresses, offered to follow as shard channels. Batches go into a TailStore outside React and are acknowledged at once; this component
 * re-renders at most once per animation frame (the store's version) and once a second for the rates.
 */
export function LiveTail({
  aside,
  initialPatterns = DEFAULT_PATTERNS,
  shardSuggestions = [],
  record = NOT_RECORDING,
}: {
  aside?: ReactNode;
  initialPatterns?: string[];
  shardSuggestions?: string[];
  /** Whether the visitor may record the tail's patterns (the Record button), and if not, why. */
  record?: Allowance;
}) {
  const [store] = useState(() => new TailStore());
  useSyncExternalStore(store.subscribe, store.getVersion, () => 0);
  const tail = useTailSocket(store.ingest, initialPatterns);
  const [filter, setFilter] = useState<TriageFilter>(NO_FILTER);
  const [selected, setSelected] = useState<MessageEntry | null>(null);
  const list = useRef<TailListHandle>(null);
  const select = useCallback((entry: TailEntry) => {
    if (isMessageEntry(entry)) setSelected(entry);
  }, []);

  useEffect(() => {
    store.tick(performance.now());
    const timer = setInterval(() => store.tick(performance.now()), 1_000);
    return () => clearInterval(timer);
  }, [store]);

  const closeDetail = useCallback(() => {
    // Back to the row the panel showed, so the keyboard carries on where it was.
    if (selected) list.current?.focusRow(selected.seq);
    setSelected(null);
  }, [selected]);
  const view = store.view();

  function onFilter(next: TriageFilter): void {
    setFilter(next);
    store.setTriage(next);
  }

  function onClear(): void {
    store.clear();
    setSelected(null);
  }

  function onKeyDown(event: KeyboardEvent<HTMLDivElement>): void {
    if (event.key !== 'Escape' || !selected) return;
    event.preventDefault();
    closeDetail();
  }

  return (
    <div className="live">
      <div className="live__main">
        <div className="live__bar">
          <PatternForm patterns={tail.patterns} error={tail.patternError} onFollow={tail.follow} onUnfollow={tail.unfollow} />
          <RecordButton patterns={tail.patterns} allowance={record} />
          <ConnectionStatus socket={tail.socket} broker={tail.broker} />
        </div>
        <ShardChannelForm
          channels={tail.shards}
          error={tail.shardError}
          suggestions={shardSuggestions}
          onFollow={tail.followShard}
          onUnfollow={tail.unfollowShard}
        />
        <TailControls
          paused={store.paused}
          held={store.heldCount}
          filter={filter.text}
          onPause={(paused) => store.setPaused(paused)}
          onClear={onClear}
          onFilter={(text) => onFilter({ ...filter, text })}
        />
        <TriageFilters filter={filter} onChange={onFilter} expressionError={store.expressionError} progress={store.filterProgress} />
        <div className="live-triage__counts">
          <TailCounters
            total={store.total}
            dropped={store.dropped}
            gaps={store.gaps}
            rate={store.rates.overall}
            windowSeconds={RATE_WINDOW_TICKS}
            shown={view.length}
            capacity={TAIL_CAPACITY}
          />
          <ExportButton view={view} />
        </div>
        <div className="live-split" data-open={selected ? true : undefined} onKeyDown={onKeyDown}>
          <TailList
            handle={list}
            store={store}
            selectedSeq={selected?.seq ?? null}
            onSelect={select}
            emptyText={emptyText(filter, tail.patterns, tail.shards, store.total)}
          />
          {selected ? (
            <TailDetail key={selected.seq} entry={selected} onClose={closeDetail} />
          ) : (
            <p className="muted live-detail-hint">Select a message (click it, or Enter) to see its full payload here; Escape closes it.</p>
          )}
        </div>
      </div>
      <aside className="live__side">
        {aside}
        <ChannelRateTable
          groups={store.rates.groups}
          countOf={(channel) => store.rates.countOf(channel)}
          windowSeconds={RATE_WINDOW_TICKS}
          now={store.rates.tickedAt}
        />
      </aside>
    </div>
  );
}

function emptyText(filter: TriageFilter, patterns: string[], shards: string[], total: number): string {
  if (hasFilter(filter)) return total > 0 ? 'No kept message passes the filters.' : 'Waiting for messages that pass the filters…';
  if (patterns.length === 0 && shards.length === 0) return 'Follow a pattern to see traffic.';
  return `Waiting for messages on ${[...patterns, ...shards].join(', ')}… Publish one with the form, or: redis-cli publish orders.created '{"id":1}'`;
}
