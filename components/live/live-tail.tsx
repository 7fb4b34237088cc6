'use client';

import { useCallback, useEffect, useState, useSyncExternalStore, type ReactNode } from 'react';
import { ChannelRateTable } from './channel-rate-table.tsx';
import { ConnectionStatus } from './connection-status.tsx';
import { PatternForm } from './pattern-form.tsx';
import { ShardChannelForm } from './shard-channel-form.tsx';
import { TailControls } from './tail-controls.tsx';
import { TailCounters } from './tail-counters.tsx';
import { TailDetail } from './tail-detail.tsx';
import { TailList } from './tail-list.tsx';
import { isMessageEntry, TAIL_CAPACITY, TailStore, type MessageEntry, type TailEntry } from './tail-store.ts';
import { useTailSocket } from './use-tail-socket.ts';
import './live.css';

const DEFAULT_PATTERNS = ['*'];

/**
 * The live tail, following `initialPatterns` (every channel by default) until the user changes them;
 * `shardSuggestions` are the catalogue's exact addresses, offered to follow as shard channels. Batches go into a TailStore outside React and are acknowledged at once; this component
 * re-renders at most once per animation frame (the store's version) and once a second for the rates.
 */
export function LiveTail({
  aside,
  initialPatterns = DEFAULT_PATTERNS,
  shardSuggestions = [],
}: {
  aside?: ReactNode;
  initialPatterns?: string[];
  shardSuggestions?: string[];
}) {
  const [store] = useState(() => new TailStore());
  useSyncExternalStore(store.subscribe, store.getVersion, () => 0);
  const tail = useTailSocket(store.ingest, initialPatterns);
  const [filter, setFilter] = useState('');
  const [selected, setSelected] = useState<MessageEntry | null>(null);
  const select = useCallback((entry: TailEntry) => {
    if (isMessageEntry(entry)) setSelected(entry);
  }, []);

  useEffect(() => {
    store.tick(performance.now());
    const timer = setInterval(() => store.tick(performance.now()), 1_000);
    return () => clearInterval(timer);
  }, [store]);

  const closeDetail = useCallback(() => setSelected(null), []);
  const view = store.view();

  function onFilter(text: string): void {
    setFilter(text);
    store.setFilter(text);
  }

  function onClear(): void {
    store.clear();
    setSelected(null);
  }

  return (
    <div className="live">
      <div className="live__main">
        <div className="live__bar">
          <PatternForm patterns={tail.patterns} error={tail.patternError} onFollow={tail.follow} onUnfollow={tail.unfollow} />
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
          filter={filter}
          onPause={(paused) => store.setPaused(paused)}
          onClear={onClear}
          onFilter={onFilter}
        />
        <TailCounters
          total={store.total}
          dropped={store.dropped}
          gaps={store.gaps}
          rate={store.rates.overall}
          shown={view.length}
          capacity={TAIL_CAPACITY}
        />
        <TailList
          store={store}
          selectedSeq={selected?.seq ?? null}
          onSelect={select}
          emptyText={emptyText(filter, tail.patterns, tail.shards, store.total)}
        />
        {selected ? (
          <TailDetail key={selected.seq} entry={selected} onClose={closeDetail} />
        ) : (
          <p className="muted live-detail-hint">Select a message (click it, or Enter) to see its full payload here.</p>
        )}
      </div>
      <aside className="live__side">
        {aside}
        <ChannelRateTable
          rows={store.rates.top}
          countOf={(channel) => store.rates.countOf(channel)}
          windowSeconds={store.rates.windowTicks}
          now={store.rates.tickedAt}
        />
      </aside>
    </div>
  );
}

function emptyText(filter: string, patterns: string[], shards: string[], total: number): string {
  if (filter.trim()) return total > 0 ? `No kept message matches “${filter.trim()}”.` : `Waiting for messages matching “${filter.trim()}”…`;
  if (patterns.length === 0 && shards.length === 0) return 'Follow a pattern to see traffic.';
  return `Waiting for messages on ${[...patterns, ...shards].join(', ')}… Publish one with the form, or: redis-cli publish orders.created '{"id":1}'`;
}
