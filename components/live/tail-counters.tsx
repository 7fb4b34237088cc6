import { formatRate } from './format.ts';

interface TailCountersProps {
  total: number;
  dropped: number;
  /** Stretches of traffic lost where the portal could not count the messages. */
  gaps: number;
  /** Messages per second over the last `windowSeconds`, the window of every rate on the page. */
  rate: number;
  windowSeconds: number;
  shown: number;
  capacity: number;
}

/** Totals since the page opened (or was cleared). Plain digits, so tests and eyes read the same number. */
export function TailCounters({ total, dropped, gaps, rate, windowSeconds, shown, capacity }: TailCountersProps) {
  return (
    <dl className="live-stats">
      <div className="live-stat">
        <dt>Received</dt>
        <dd data-testid="tail-total">{total}</dd>
      </div>
      <div className="live-stat" title="Messages the server discarded because this page fell behind, or shed because it could not keep up">
        <dt>Dropped</dt>
        <dd data-testid="tail-dropped" data-nonzero={dropped > 0 || undefined}>
          {dropped}
        </dd>
      </div>
      {gaps > 0 && (
        <div className="live-stat" title="Times the connection to Redis was reset: messages published meanwhile were not received">
          <dt>Gaps</dt>
          <dd data-testid="tail-gaps" data-nonzero>
            {gaps}
          </dd>
        </div>
      )}
      <div className="live-stat" title={`Messages per second over the last ${windowSeconds} seconds, as in Busiest channels`}>
        <dt>msgs/s ({windowSeconds} s)</dt>
        <dd data-testid="tail-rate">{formatRate(rate)}</dd>
      </div>
      <div className="live-stat">
        <dt>Rows</dt>
        <dd>
          {shown} <span className="muted">of {capacity} kept</span>
        </dd>
      </div>
    </dl>
  );
}
