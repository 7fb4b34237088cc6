'use client';

import { useCallback, useMemo, useRef, useState, type KeyboardEvent, type ReactNode } from 'react';
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
import { windowView } from './tail-snapshot.ts';
import { isMessageEntry, TAIL_CAPACITY, type MessageEntry, type TailEntry } from './tail-store.ts';
import { hasFilter, NO_FILTER, type TriageFilter } from './triage-filter.ts';
import { TriageFilters } from './triage-filters.tsx';
import { useTailWorker } from './use-tail-worker.ts';
import './live.css';
import './triage.css';

const DEFAULT_PATTERNS = ['*'];
const NOT_RECORDING: Allowance = { allowed: false, reason: 'Recording needs the editor role.' };

/**
 * The live tail, following `initialPatterns` (every channel by default) until the user changes them;
 * `shardSuggestions` are the catalogue's exact addresses, offered to follow as shard channels. The socket, the ring and
 * the filters live in a Web Worker (use-tail-worker.ts); this component renders the snapshots it sends, at most one a
 * frame, with the rows of the list's window.
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
  const tail = useTailWorker(initialPatterns);
  const { snapshot } = tail;
  const [filter, setFilter] = useState<TriageFilter>(NO_FILTER);
  const [selected, setSelected] = useState<MessageEntry | null>(null);
  const list = useRef<TailListHandle>(null);
  const select = useCallback((entry: TailEntry) => {
    if (isMessageEntry(entry)) setSelected(entry);
  }, []);

  const closeDetail = useCallback(() => {
    // Back to the row the panel showed, so the keyboard carries on where it was.
    if (selected) list.current?.focusRow(selected.seq);
    setSelected(null);
  }, [selected]);
  const view = useMemo(() => windowView(snapshot), [snapshot]);

  function onFilter(next: TriageFilter): void {
    setFilter(next);
    tail.setTriage(next);
  }

  function onClear(): void {
    tail.clear();
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
          paused={snapshot.paused}
          held={snapshot.held}
          filter={filter.text}
          onPause={tail.setPaused}
          onClear={onClear}
          onFilter={(text) => onFilter({ ...filter, text })}
        />
        <TriageFilters filter={filter} onChange={onFilter} expressionError={snapshot.expressionError} progress={snapshot.progress} />
        <div className="live-triage__counts">
          <TailCounters
            total={snapshot.total}
            dropped={snapshot.dropped}
            gaps={snapshot.gaps}
            rate={snapshot.rate}
            windowSeconds={RATE_WINDOW_TICKS}
            shown={view.length}
            capacity={TAIL_CAPACITY}
          />
          <ExportButton count={view.length} ndjson={tail.exportNdjson} />
        </div>
        <div className="live-split" data-open={selected ? true : undefined} onKeyDown={onKeyDown}>
          <TailList
            handle={list}
            view={view}
            added={snapshot.added}
            generation={snapshot.generation}
            onWindow={tail.showWindow}
            selectedSeq={selected?.seq ?? null}
            onSelect={select}
            emptyText={emptyText(filter, tail.patterns, tail.shards, snapshot.total)}
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
          groups={snapshot.groups}
          countOf={(channel) => snapshot.counts[channel]}
          windowSeconds={RATE_WINDOW_TICKS}
          now={snapshot.tickedAt}
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
