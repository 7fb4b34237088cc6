import Link from 'next/link';
import type { ChannelListing } from '../../prisma/store/types.ts';
import { Highlight } from '../ui/highlight.tsx';
import { OperationBadges } from './operation-badges.tsx';

/** Every channel of the catalogue with its document; the search term highlighted. */
export function ChannelTable({ channels, term }: { channels: ChannelListing[]; term?: string }) {
  return (
    <div className="table-wrap">
      <table className="table" aria-label="Channels">
        <thead>
          <tr>
            <th scope="col">Address</th>
            <th scope="col">Document</th>
            <th scope="col">Parameters</th>
            <th scope="col">Messages</th>
            <th scope="col">Operations</th>
          </tr>
        </thead>
        <tbody>
          {channels.map((channel) => (
            <tr key={`${channel.slug}:${channel.key}`}>
              <td className="address">
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
              </td>
              <td>
                <Link href={`/documents/${encodeURIComponent(channel.slug)}?version=${encodeURIComponent(channel.version)}`}>
                  <Highlight text={channel.documentTitle} term={term} />
                </Link>{' '}
                <span className="muted mono">{channel.version}</span>
              </td>
              <td>
                <Chips items={channel.parameters} term={term} />
              </td>
              <td>
                <Chips items={channel.messages} term={term} />
              </td>
              <td>
                <OperationBadges operations={channel.operations} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function Chips({ items, term }: { items: string[]; term?: string }) {
  if (items.length === 0) return <span className="muted">–</span>;
  return (
    <ul className="chip-list">
      {items.map((item, i) => (
        <li key={`${item}-${i}`} className="chip">
          <Highlight text={item} term={term} />
        </li>
      ))}
    </ul>
  );
}
