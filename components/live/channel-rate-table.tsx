import type { ChannelRate } from './channel-rates.ts';
import { formatAgo, formatRate, formatShare } from './format.ts';

interface ChannelRateTableProps {
  rows: ChannelRate[];
  /** The live count of a channel, so counts move every frame while ranks and rates move every second. */
  countOf: (channel: string) => number | undefined;
  windowSeconds: number;
  /** The time the ranking was computed (ms since the epoch), for "last seen". */
  now: number;
}

/** The busiest channels, ranked once a second, with how many of their messages violated their schema. */
export function ChannelRateTable({ rows, countOf, windowSeconds, now }: ChannelRateTableProps) {
  return (
    <section className="live-channels" aria-labelledby="live-channels-title">
      <h2 id="live-channels-title" className="section__title">
        Busiest channels
      </h2>
      {rows.length === 0 ? (
        <p className="muted">No traffic yet. Channels appear here with their message count, rate and schema violations.</p>
      ) : (
        <div className="table-wrap">
          <table className="table live-channels__table" data-testid="channel-rates">
            <caption className="visually-hidden">
              Top {rows.length} channels by messages per second over the last {windowSeconds} seconds
            </caption>
            <thead>
              <tr>
                <th scope="col">Channel</th>
                <th scope="col" className="live-num">
                  Count
                </th>
                <th scope="col" className="live-num">
                  msgs/s
                </th>
                <th scope="col" className="live-num">
                  Violations
                </th>
              </tr>
            </thead>
            <tbody>
              {rows.map((row) => (
                <tr key={row.channel}>
                  <td>
                    <span className="live-channels__name">{row.channel}</span>
                    <span className="live-channels__seen">
                      {row.status === 'undocumented' || row.status === 'unchecked' ? `${row.status} · ` : ''}last seen{' '}
                      {formatAgo(row.lastSeen, now)}
                    </span>
                  </td>
                  <td className="live-num">{countOf(row.channel) ?? row.count}</td>
                  <td className="live-num">{formatRate(row.rate)}</td>
                  <td className="live-num">
                    <ViolationCell row={row} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <p className="muted live-channels__note">
        msgs/s averages the last {windowSeconds} seconds; violations are the share of this tab’s checked messages that broke their schema.
      </p>
    </section>
  );
}

function ViolationCell({ row }: { row: ChannelRate }) {
  if (row.checked > 0) {
    return (
      <span
        className={row.violations > 0 ? 'live-channels__violations' : undefined}
        title={`${row.violations} of ${row.checked} checked messages violated the schema`}
      >
        {formatShare(row.violations, row.checked)}
      </span>
    );
  }
  return (
    <span className="muted" title="No message of this channel was checked against a schema">
      –
    </span>
  );
}
