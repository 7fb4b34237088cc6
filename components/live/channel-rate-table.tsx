import type { ChannelRate } from './channel-rates';
import { formatRate } from './format';

interface ChannelRateTableProps {
  rows: ChannelRate[];
  /** The live count of a channel, so counts move every frame while ranks and rates move every second. */
  countOf: (channel: string) => number | undefined;
  windowSeconds: number;
}

/** The busiest channels, ranked once a second. */
export function ChannelRateTable({ rows, countOf, windowSeconds }: ChannelRateTableProps) {
  return (
    <section className="live-channels" aria-labelledby="live-channels-title">
      <h2 id="live-channels-title" className="section__title">
        Busiest channels
      </h2>
      {rows.length === 0 ? (
        <p className="muted">No traffic yet. Channels appear here with their message count and rate.</p>
      ) : (
        <div className="table-wrap">
          <table className="table live-channels__table">
            <caption className="visually-hidden">Top {rows.length} channels by messages per second over the last {windowSeconds} seconds</caption>
            <thead>
              <tr>
                <th scope="col">Channel</th>
                <th scope="col" className="live-num">
                  Count
                </th>
                <th scope="col" className="live-num">
                  msgs/s
                </th>
              </tr>
            </thead>
            <tbody>
              {rows.map((row) => (
                <tr key={row.channel}>
                  <td className="live-channels__name">{row.channel}</td>
                  <td className="live-num">{countOf(row.channel) ?? row.count}</td>
                  <td className="live-num">{formatRate(row.rate)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <p className="muted live-channels__note">msgs/s averages the last {windowSeconds} seconds.</p>
    </section>
  );
}
