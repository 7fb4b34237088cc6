import Link from 'next/link';
import { publishHref, tailHref } from '../../lib/common/channel-links.ts';

interface ChannelActionsProps {
  slug: string;
  version: string;
  channelKey: string;
  address: string | null;
}

/** "Tail this channel" and "Publish to this channel" for a catalogued channel; nothing for one without an address. */
export function ChannelActions({ slug, version, channelKey, address }: ChannelActionsProps) {
  if (address === null) return null;
  return (
    <div className="table__actions">
      <Link href={tailHref(address)}>Tail this channel</Link>
      <Link href={publishHref({ slug, version, channel: channelKey })}>Publish to this channel</Link>
    </div>
  );
}
