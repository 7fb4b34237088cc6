'use client';

import { formatAgo, formatShare } from '../live/format.ts';
import { Skeleton } from '../ui/skeleton.tsx';
import { Table, type TableColumn } from '../ui/table.tsx';
import type { CataloguedChannelTraffic } from '../../lib/conformance/traffic.ts';
import { useChannelTraffic } from './use-channel-traffic.ts';

const REFRESH_MS = 5_000;
const NUMBER = 'doc-traffic__num';

interface ChannelTrafficProps {
  slug: string;
  /** The version live traffic is checked against: the document's latest. */
  latestVersion: string;
}

/** Live traffic on each of a document's channels (messages, violation rate, last seen), refreshed every few seconds. */
export function ChannelTraffic({ slug, latestVersion }: ChannelTrafficProps) {
  const state = useChannelTraffic(slug, REFRESH_MS);
  if (state.kind === 'loading') {
    return (
      <div aria-busy="true" aria-label="Loading live traffic">
        <Skeleton height={28} />
        <Skeleton height={28} style={{ marginTop: 6 }} />
      </div>
    );
  }
  const channels = state.kind === 'ok' ? state.channels : state.last;
  return (
    <>
      {state.kind === 'error' && (
        <p className="notice notice--error" role="alert">
          Could not refresh the live traffic: {state.message}
        </p>
      )}
      {channels && <TrafficTable channels={channels} now={state.updatedAt} />}
      <p className="muted doc-traffic__note">
        Broker traffic counted across every portal instance (a channel silent for 30 days starts again from 0), checked against version{' '}
        {latestVersion}; refreshed every {REFRESH_MS / 1000} seconds.
      </p>
    </>
  );
}

function TrafficTable({ channels, now }: { channels: CataloguedChannelTraffic[]; now: number }) {
  if (channels.length === 0)
    return <p className="muted">This version declares no channel with an address, so there is no traffic to show.</p>;
  const columns: TableColumn<CataloguedChannelTraffic>[] = [
    { header: 'Address', className: 'address', cell: (channel) => channel.address },
    { header: 'Messages', headerClassName: NUMBER, className: NUMBER, cell: (channel) => channel.messages },
    {
      header: 'Violations',
      headerClassName: NUMBER,
      className: (channel) => (channel.violations > 0 ? `${NUMBER} doc-traffic__violations` : NUMBER),
      cell: (channel) => (channel.messages === 0 ? '–' : `${channel.violations} (${formatShare(channel.violations, channel.messages)})`),
    },
    {
      header: 'Last seen',
      cell: (channel) => (channel.lastSeen === null ? <span className="muted">never</span> : formatAgo(channel.lastSeen, now)),
    },
  ];
  return (
    <Table
      columns={columns}
      rows={channels}
      rowKey={(channel) => channel.channelKey}
      testId="channel-traffic"
      label="Traffic per channel"
    />
  );
}
