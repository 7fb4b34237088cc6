import type { ChannelDetail } from '../../prisma/store/types.ts';
import { OperationBadges } from '../channels/operation-badges.tsx';

/** A compact table of a version's channels, from the normalised data. */
export function ChannelsTable({ channels }: { channels: ChannelDetail[] }) {
  if (channels.length === 0) return <p className="muted">This version declares no channels.</p>;
  return (
    <div className="table-wrap">
      <table className="table">
        <thead>
          <tr>
            <th scope="col">Address</th>
            <th scope="col">Parameters</th>
            <th scope="col">Messages</th>
            <th scope="col">Operations</th>
          </tr>
        </thead>
        <tbody>
          {channels.map((channel) => (
            <tr key={channel.key}>
              <td className="address">
                {channel.address ?? <span className="muted">{channel.key} (no address)</span>}
                {channel.description && <div className="table__note">{channel.description}</div>}
              </td>
              <td>
                <ChipList items={channel.parameters.map((p) => p.name)} />
              </td>
              <td>
                <ChipList items={channel.messages.map((m) => m.name ?? m.key)} />
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

export function ChipList({ items }: { items: string[] }) {
  if (items.length === 0) return <span className="muted">–</span>;
  return (
    <ul className="chip-list">
      {items.map((item, i) => (
        <li key={`${item}-${i}`} className="chip">
          {item}
        </li>
      ))}
    </ul>
  );
}
