import type { ProcessedEvent } from '../../lib/broker/deferred-queue.ts';
import { Table, type TableColumn } from '../ui/table.tsx';
import { LocalTime } from './local-time.tsx';

const TIME = 'queue-table__time';

const COLUMNS: TableColumn<ProcessedEvent>[] = [
  { header: 'ID', className: 'mono queue-table__id', cell: (event) => event.id },
  {
    header: 'Body',
    className: 'mono queue-table__body',
    cell: (event) => (
      <>
        {event.body === '' ? <span className="muted">(empty)</span> : event.body}
        {event.truncated && (
          <span className="muted" title={`${event.size.toLocaleString('en-US')} bytes in all`}>
            …
          </span>
        )}
      </>
    ),
  },
  { header: 'Enqueued', className: TIME, cell: (event) => <LocalTime ms={event.enqueuedAt} /> },
  { header: 'Processed', className: TIME, cell: (event) => <LocalTime ms={event.processedAt} /> },
  { header: 'Took', className: TIME, cell: (event) => formatWait(event.processedAt - event.enqueuedAt) },
  { header: 'Consumer', className: 'mono', cell: (event) => event.consumer },
];

/** The events workers finished most recently, newest first. Bodies are untrusted text, cut to one line. */
export function ProcessedTable({ events, stale }: { events: ProcessedEvent[]; stale: boolean }) {
  return (
    <section className="section queue-processed" aria-labelledby="queue-processed-title" data-stale={stale || undefined}>
      <h2 id="queue-processed-title" className="section__title">
        Recently processed ({events.length})
      </h2>
      <Table
        columns={COLUMNS}
        rows={events}
        rowKey={(event) => `${event.id}:${event.processedAt}`}
        className="queue-table"
        label="Recently processed events"
      />
    </section>
  );
}

function formatWait(ms: number): string {
  if (!Number.isFinite(ms) || ms < 0) return '—';
  if (ms < 1_000) return `${ms} ms`;
  if (ms < 60_000) return `${(ms / 1_000).toFixed(1)} s`;
  return `${Math.round(ms / 60_000)} min`;
}
