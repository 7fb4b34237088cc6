'use client';

import { memo, type KeyboardEvent } from 'react';
import { ConformanceBadge } from './conformance-badge.tsx';
import { formatBytes, formatClock, gapText, previewOf } from './format.ts';
import type { TailEntry } from './tail-store.ts';

interface TailRowProps {
  entry: TailEntry;
  index: number;
  count: number;
  top: number;
  selected: boolean;
  /** The one row of the list reachable with Tab. */
  tabbable: boolean;
  onSelect: (entry: TailEntry) => void;
  onKeyDown: (event: KeyboardEvent<HTMLDivElement>, entry: TailEntry) => void;
}

/**
 * One message on one line, or the gap where the portal lost traffic. A message's text comes from the broker, so
 * it is only ever rendered as React text.
 */
export const TailRow = memo(function TailRow({ entry, index, count, top, selected, tabbable, onSelect, onKeyDown }: TailRowProps) {
  const { message } = entry;
  // What both kinds of row are to the listbox: a positioned, keyboard-reachable option.
  const row = {
    role: 'option',
    'aria-posinset': index + 1,
    'aria-setsize': count,
    'data-seq': entry.seq,
    tabIndex: tabbable ? 0 : -1,
    style: { transform: `translateY(${top}px)` },
    onKeyDown: (event: KeyboardEvent<HTMLDivElement>) => onKeyDown(event, entry),
  } as const;
  if (!message)
    return (
      <div {...row} aria-selected={false} aria-disabled={true} data-testid="tail-gap" className="live-row live-row--gap">
        <span className="live-row__time">{formatClock(entry.gap.from)}</span>
        <span className="live-row__gap">{gapText(entry.gap)}</span>
      </div>
    );
  return (
    <div {...row} aria-selected={selected} data-testid="tail-row" className="live-row" onClick={() => onSelect(entry)}>
      <span className="live-row__time">{formatClock(message.receivedAt)}</span>
      <span className="live-row__channel">{message.channel}</span>
      <span className="live-row__preview">{previewOf(message.payload)}</span>
      <span className="live-row__flags">
        {message.conformance && <ConformanceBadge conformance={message.conformance} />}
        {message.sharded && (
          <span className="badge" title="Published with SPUBLISH, received by following its shard channel">
            sharded
          </span>
        )}
        {message.encoding === 'avro-binary' && (
          <span className="badge badge--info" data-testid="decoded-badge" title="Decoded from Avro binary: shown in Avro's JSON encoding">
            avro
          </span>
        )}
        {message.truncated && <span className="badge badge--warning">truncated</span>}
        {message.history && (
          <span className="live-row__history" data-testid="history-label" title="Kept by the portal: received before this page opened">
            history
          </span>
        )}
      </span>
      <span className="live-row__size">{formatBytes(message.size)}</span>
    </div>
  );
});
