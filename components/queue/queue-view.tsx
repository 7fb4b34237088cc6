'use client';

import type { QueueReport, QueueStats } from '../../lib/broker/deferred-queue.ts';
import { EdaList } from './eda-list.tsx';
import { LocalTime } from './local-time.tsx';
import { PersistenceWarning } from './persistence-warning.tsx';
import { ProcessedTable } from './processed-table.tsx';
import { QueueEmpty } from './queue-empty.tsx';
import type { QueueSnapshot } from './queue-snapshot.ts';
import { useQueuePolling } from './use-queue-polling.ts';
import './queue.css';

const POLL_MS = 2_000;

/** The deferred-execution queue, refreshed every 2 s; keeps the last figures on show while Redis is away. */
export function QueueView({ initial }: { initial: QueueSnapshot }) {
  const { snapshot, updatedAt, lastGood } = useQueuePolling(initial, POLL_MS);
  const stats = snapshot.kind === 'ok' ? snapshot.stats : lastGood?.kind === 'ok' ? lastGood.stats : null;
  const stale = snapshot.kind !== 'ok';

  return (
    <div className="queue">
      {snapshot.kind === 'unreachable' && (
        <div className="notice notice--error" role="alert">
          <p>
            <strong>Redis is unreachable.</strong> {snapshot.error} This page tries again every {POLL_MS / 1000} s
            {stats ? '; the figures below are the last ones read.' : '.'}
          </p>
        </div>
      )}
      {snapshot.kind === 'failed' && (
        <div className="notice notice--error" role="alert">
          <p>
            <strong>The queue could not be read.</strong> {snapshot.error}
          </p>
        </div>
      )}
      {stats && <PersistenceWarning persistence={stats.persistence} />}
      {stats && 'mode' in stats && <EdaList queue={stats} stale={stale} />}
      {stats && !('mode' in stats) && <StreamQueue stats={stats} stale={stale} />}
      <p className="muted queue__updated">
        Refreshes every {POLL_MS / 1000} s
        {updatedAt !== null && (
          <>
            ; last answer at <LocalTime ms={updatedAt} />
          </>
        )}
        .
      </p>
    </div>
  );
}

/** The portal's stream: its figures, a hint when nothing reads it, and the recently processed events. */
function StreamQueue({ stats, stale }: { stats: QueueReport; stale: boolean }) {
  return (
    <>
      <QueueFigures stats={stats} stale={stale} />
      {stats.depth > 0 && stats.consumers === 0 && (
        <p className="notice queue__idle">
          {stats.depth} {stats.depth === 1 ? 'event is' : 'events are'} waiting and no worker is reading the queue: start one with{' '}
          <code>npm run worker</code>.
        </p>
      )}
      {stats.recentlyProcessed.length > 0 ? <ProcessedTable events={stats.recentlyProcessed} stale={stale} /> : <QueueEmpty />}
    </>
  );
}

function QueueFigures({ stats, stale }: { stats: QueueStats; stale: boolean }) {
  const figures = [
    { key: 'depth', label: 'Depth', value: stats.depth, hint: 'queued, not yet taken by a worker' },
    { key: 'pending', label: 'Pending', value: stats.pending, hint: 'taken by a worker, not yet acknowledged' },
    { key: 'consumers', label: 'Consumers', value: stats.consumers, hint: 'workers in the group' },
  ] as const;
  return (
    <dl className="queue-figures" data-stale={stale || undefined}>
      {figures.map((figure) => (
        <div key={figure.key} className="queue-figure">
          <dt>{figure.label}</dt>
          <dd data-testid={`queue-${figure.key}`}>{figure.value}</dd>
          <dd className="queue-figure__hint">{figure.hint}</dd>
        </div>
      ))}
    </dl>
  );
}
