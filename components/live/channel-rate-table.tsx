import { Table, type TableColumn } from '../ui/table.tsx';
import type { ChannelRate } from './channel-rates.ts';
import { formatAgo, formatRate, formatShare } from './format.ts';

const NUMBER = 'live-num';

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
        <Table
          columns={columns(countOf, now)}
          rows={rows}
          rowKey={(row) => row.channel}
          className="live-channels__table"
          caption={`Top ${rows.length} channels by messages per second over the last ${windowSeconds} seconds`}
          testId="channel-rates"
          label="Busiest channels"
        />
      )}
      <p className="muted live-channels__note">
        msgs/s averages the last {windowSeconds} seconds; violations are the share of this tab’s checked messages that broke their schema.
      </p>
    </section>
  );
}

function columns(countOf: ChannelRateTableProps['countOf'], now: number): TableColumn<ChannelRate>[] {
  return [
    {
      header: 'Channel',
      cell: (row) => (
        <>
          <span className="live-channels__name">{row.channel}</span>
          <span className="live-channels__seen">
            {row.status === 'undocumented' || row.status === 'unchecked' ? `${row.status} · ` : ''}last seen {formatAgo(row.lastSeen, now)}
          </span>
        </>
      ),
    },
    { header: 'Count', headerClassName: NUMBER, className: NUMBER, cell: (row) => countOf(row.channel) ?? row.count },
    { header: 'msgs/s', headerClassName: NUMBER, className: NUMBER, cell: (row) => formatRate(row.rate) },
    { header: 'Violations', headerClassName: NUMBER, className: NUMBER, cell: (row) => <ViolationCell row={row} /> },
  ];
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
