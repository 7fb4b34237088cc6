import type { ChannelDetail } from '../../prisma/store/types.ts';
import { ChannelActions } from '../channels/channel-actions.tsx';
import { OperationBadges } from '../channels/operation-badges.tsx';
import { ChipList } from '../ui/chip-list.tsx';
import { Table, type TableColumn } from '../ui/table.tsx';

/** A compact table of a version's channels, from the normalised data, each with links to tail it and publish to it. */
export function ChannelsTable({ slug, version, channels }: { slug: string; version: string; channels: ChannelDetail[] }) {
  if (channels.length === 0) return <p className="muted">This version declares no channels.</p>;
  const columns: TableColumn<ChannelDetail>[] = [
    {
      header: 'Address',
      className: 'address',
      cell: (channel) => (
        <>
          {channel.address ?? <span className="muted">{channel.key} (no address)</span>}
          {channel.description && <div className="table__note">{channel.description}</div>}
          <ChannelActions slug={slug} version={version} channelKey={channel.key} address={channel.address} />
        </>
      ),
    },
    { header: 'Parameters', cell: (channel) => <ChipList items={channel.parameters.map((p) => p.name)} /> },
    { header: 'Messages', cell: (channel) => <ChipList items={channel.messages.map((m) => m.name ?? m.key)} /> },
    { header: 'Operations', cell: (channel) => <OperationBadges operations={channel.operations} /> },
  ];
  return <Table columns={columns} rows={channels} rowKey={(channel) => channel.key} label="Channels" />;
}
