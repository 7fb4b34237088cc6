'use client';

import { useId, useState } from 'react';
import { Table, type TableColumn } from '../ui/table.tsx';
import type { ChannelGroupRate } from './channel-groups.ts';
import type { ChannelRate } from './channel-rates.ts';
import { formatAgo, formatRate, formatShare } from './format.ts';

const NUMBER = 'live-num';

interface ChannelRateTableProps {
  groups: ChannelGroupRate[];
  /** The live count of a channel, so counts move every frame while ranks and rates move every second. */
  countOf: (channel: string) => number | undefined;
  windowSeconds: number;
  /** The time the ranking was computed (ms since the epoch), for "last seen". */
  now: number;
}

/**
 * The busiest catalogued channels, ranked once a second: the concrete channels that matched one address are one row,
 * expandable to show them; with how many of their messages violated their schema.
 */
export function ChannelRateTable({ groups, countOf, windowSeconds, now }: ChannelRateTableProps) {
  const [open, setOpen] = useState<ReadonlySet<string>>(() => new Set());
  const toggle = (key: string): void =>
    setOpen((keys) => {
      const next = new Set(keys);
      if (!next.delete(key)) next.add(key);
      return next;
    });
  return (
    <section className="live-channels" aria-labelledby="live-channels-title">
      <h2 id="live-channels-title" className="section__title">
        Busiest channels
      </h2>
      {groups.length === 0 ? (
        <p className="muted">No traffic yet. Channels appear here with their message count, rate and schema violations.</p>
      ) : (
        <Table
          columns={columns({ countOf, now, open, toggle })}
          rows={groups}
          rowKey={(group) => group.key}
          className="live-channels__table"
          caption={`Top ${groups.length} channels by messages per second over the last ${windowSeconds} seconds`}
          testId="channel-rates"
          label="Busiest channels"
        />
      )}
      <p className="muted live-channels__note">
        Every msgs/s on this page averages the last {windowSeconds} seconds; channels matching one catalogued address share a row;
        violations are the share of this tab’s checked messages that broke their schema.
      </p>
    </section>
  );
}

interface ColumnContext {
  countOf: ChannelRateTableProps['countOf'];
  now: number;
  open: ReadonlySet<string>;
  toggle: (key: string) => void;
}

function columns({ countOf, now, open, toggle }: ColumnContext): TableColumn<ChannelGroupRate>[] {
  const countOfGroup = (group: ChannelGroupRate): number =>
    group.channelCount === group.channels.length
      ? group.channels.reduce((sum, c) => sum + (countOf(c.channel) ?? c.count), 0)
      : group.count;
  return [
    {
      header: 'Channel',
      cell: (group) =>
        group.channelCount > 1 ? (
          <GroupCell group={group} now={now} expanded={open.has(group.key)} onToggle={() => toggle(group.key)} />
        ) : (
          <>
            <span className="live-channels__name">{group.channels[0]?.channel ?? group.key}</span>
            <span className="live-channels__seen">{seenText(group, now)}</span>
          </>
        ),
    },
    { header: 'Count', headerClassName: NUMBER, className: NUMBER, cell: countOfGroup },
    { header: 'msgs/s', headerClassName: NUMBER, className: NUMBER, cell: (group) => formatRate(group.rate) },
    { header: 'Violations', headerClassName: NUMBER, className: NUMBER, cell: (group) => <ViolationCell row={group} /> },
  ];
}

function GroupCell({ group, now, expanded, onToggle }: { group: ChannelGroupRate; now: number; expanded: boolean; onToggle: () => void }) {
  const listId = useId();
  return (
    <>
      <button type="button" className="live-channels__toggle" aria-expanded={expanded} aria-controls={listId} onClick={onToggle}>
        <span aria-hidden="true">{expanded ? '▾' : '▸'}</span> <span className="live-channels__name">{group.key}</span>
      </button>
      <span className="live-channels__seen">
        {group.channelCount} channels · {seenText(group, now)}
      </span>
      {expanded && (
        <ul id={listId} className="live-channels__members" aria-label={`Channels matching ${group.key}`}>
          {group.channels.map((channel) => (
            <li key={channel.channel}>
              <span className="live-channels__name">{channel.channel}</span>{' '}
              <span className="muted">
                {channel.count} · {formatRate(channel.rate)}/s
              </span>
            </li>
          ))}
          {group.channelCount > group.channels.length && <li className="muted">and {group.channelCount - group.channels.length} more</li>}
        </ul>
      )}
    </>
  );
}

function seenText(row: Pick<ChannelRate, 'status' | 'lastSeen'>, now: number): string {
  return `${row.status === 'undocumented' || row.status === 'unchecked' ? `${row.status} · ` : ''}last seen ${formatAgo(row.lastSeen, now)}`;
}

function ViolationCell({ row }: { row: Pick<ChannelRate, 'checked' | 'violations'> }) {
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
