import type { ProcessedEvent } from '../../lib/broker/deferred-queue.ts';
import { LocalTime } from './local-time.tsx';

/** The events workers finished most recently, newest first. Bodies are untrusted text, cut to one line. */
export function ProcessedTable({ events, stale }: { events: ProcessedEvent[]; stale: boolean }) {
  return (
    <section className="section queue-processed" aria-labelledby="queue-processed-title" data-stale={stale || undefined}>
      <h2 id="queue-processed-title" className="section__title">
        Recently processed ({events.length})
      </h2>
      <div className="table-wrap">
        <table className="table queue-table">
          <thead>
            <tr>
              <th scope="col">ID</th>
              <th scope="col">Body</th>
              <th scope="col">Enqueued</th>
              <th scope="col">Processed</th>
              <th scope="col">Took</th>
              <th scope="col">Consumer</th>
            </tr>
          </thead>
          <tbody>
            {events.map((event) => (
              <tr key={`${event.id}:${event.processedAt}`}>
                <td className="mono queue-table__id">{event.id}</td>
                <td className="mono queue-table__body">
                  {event.body === '' ? <span className="muted">(empty)</span> : event.body}
                  {event.truncated && (
                    <span className="muted" title={`${event.size.toLocaleString('en-US')} bytes in all`}>
                      …
                    </span>
                  )}
                </td>
                <td className="queue-table__time">
                  <LocalTime ms={event.enqueuedAt} />
                </td>
                <td className="queue-table__time">
                  <LocalTime ms={event.processedAt} />
                </td>
                <td className="queue-table__time">{formatWait(event.processedAt - event.enqueuedAt)}</td>
                <td className="mono">{event.consumer}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}

function formatWait(ms: number): string {
  if (!Number.isFinite(ms) || ms < 0) return '—';
  if (ms < 1_000) return `${ms} ms`;
  if (ms < 60_000) return `${(ms / 1_000).toFixed(1)} s`;
  return `${Math.round(ms / 60_000)} min`;
}
