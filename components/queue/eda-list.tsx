import type { EdaQueueItem, EdaQueueReport } from '../../lib/broker/eda-queue.ts';
import { Table, type TableColumn } from '../ui/table.tsx';

const COLUMNS: TableColumn<EdaQueueItem & { position: number }>[] = [
  { header: '#', className: 'mono queue-table__id', cell: (item) => item.position },
  {
    header: 'Item',
    className: 'mono queue-table__body',
    cell: (item) => (
      <>
        {item.body}
        {item.truncated && (
          <span className="muted" title={`${item.size.toLocaleString('en-US')} bytes in all`}>
            …
          </span>
        )}
      </>
    ),
  },
];

/**
 * DEFERRED_MODE=eda: the list `message:queue` that `eda consumer -d --master` fills and `eda consumer -d` pops,
 * its length and newest items (the next to be popped is the last). Items are untrusted text, cut to one line.
 */
export function EdaList({ queue, stale }: { queue: EdaQueueReport; stale: boolean }) {
  const rows = queue.items.map((item, index) => ({ ...item, position: index + 1 }));
  return (
    <>
      <dl className="queue-figures" data-stale={stale || undefined}>
        <div className="queue-figure">
          <dt>Waiting</dt>
          <dd data-testid="queue-length">{queue.length}</dd>
          <dd className="queue-figure__hint">
            items on the list <code>{queue.list}</code>, for <code>eda consumer -d</code>
          </dd>
        </div>
      </dl>
      {rows.length === 0 ? (
        <p className="muted">
          The list is empty. Events posted to <code>/deferred-exec</code> go out on <code>master</code>;{' '}
          <code>eda consumer -d --master</code> pushes each one here.
        </p>
      ) : (
        <section className="section queue-processed" aria-labelledby="queue-list-title" data-stale={stale || undefined}>
          <h2 id="queue-list-title" className="section__title">
            Newest {rows.length} of {queue.length}, newest first
          </h2>
          <Table columns={COLUMNS} rows={rows} rowKey={(item) => String(item.position)} className="queue-table" label="message:queue" />
        </section>
      )}
    </>
  );
}
