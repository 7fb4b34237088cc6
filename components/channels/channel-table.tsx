import Link from 'next/link';
import type { ChannelListing } from '../../prisma/store/types.ts';
import { ChipList } from '../ui/chip-list.tsx';
import { Highlight } from '../ui/highlight.tsx';
import { Table, type TableColumn } from '../ui/table.tsx';
import { ChannelActions } from './channel-actions.tsx';
import { OperationBadges } from './operation-badges.tsx';

/** Every channel of the catalogue with its document; the search term highlighted. */
export function ChannelTable({ channels, term }: { channels: ChannelListing[]; term?: string }) {
  const columns: TableColumn<ChannelListing>[] = [
    { header: 'Address', className: 'address', cell: (channel) => <AddressCell channel={channel} term={term} /> },
    {
      header: 'Document',
      cell: (channel) => (
        <>
          <Link href={`/documents/${encodeURIComponent(channel.slug)}?version=${encodeURIComponent(channel.version)}`}>
            <Highlight text={channel.documentTitle} term={term} />
          </Link>{' '}
          <span className="muted mono">{channel.version}</span>
        </>
      ),
    },
    { header: 'Parameters', cell: (channel) => <ChipList items={channel.parameters} term={term} /> },
    { header: 'Messages', cell: (channel) => <ChipList items={channel.messages} term={term} /> },
    { header: 'Operations', cell: (channel) => <OperationBadges operations={channel.operations} /> },
  ];
  return <Table columns={columns} rows={channels} rowKey={(channel) => `${channel.slug}:${channel.key}`} label="Channels" />;
}

function AddressCell({ channel, term }: { channel: ChannelListing; term?: string }) {
  return (
    <>
      {channel.address === null ? (
        <span className="muted">
          <Highlight text={channel.key} term={term} /> (no address)
        </span>
      ) : (
        <Highlight text={channel.address} term={term} />
      )}
      {channel.description && (
        <div className="table__note">
          <Highlight text={channel.description} term={term} />
        </div>
      )}
      <ChannelActions slug={channel.slug} version={channel.version} channelKey={channel.key} address={channel.address} />
    </>
  );
}
