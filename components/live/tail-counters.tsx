import { formatRate } from './format.ts';

interface TailCountersProps {
  total: number;
  dropped: number;
  rate: number;
  shown: number;
  capacity: number;
}

/** Totals since the page opened (or was cleared). Plain digits, so tests and eyes read the same number. */
export function TailCounters({ total, dropped, rate, shown, capacity }: TailCountersProps) {
  return (
    <dl className="live-stats">
      <div className="live-stat">
        <dt>Received</dt>
        <dd data-testid="tail-total">{total}</dd>
      </div>
      <div className="live-stat" title="Messages the server discarded because this page fell behind">
        <dt>Dropped</dt>
        <dd data-testid="tail-dropped" data-nonzero={dropped > 0 || undefined}>
          {dropped}
        </dd>
      </div>
      <div className="live-stat">
        <dt>msgs/s</dt>
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
