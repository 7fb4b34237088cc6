import type { PublishChannelGroup } from '../../prisma/store/publish-channels.ts';

/** Most catalogued addresses the live tail offers to follow as shard channels. */
export const MAX_OFFERED_ADDRESSES = 200;

/**
 * The catalogued addresses without parameters, each once and sorted: the channels one can SSUBSCRIBE to as they are
 * (an address with `{param}` names many channels, and SSUBSCRIBE takes no pattern), of the documents `onBroker`
 * keeps (those that can be on Redis: not a Kafka document, nor the portal's own Socket.IO API).
 * @example exactAddresses(await services().publishing.listChannels()) // ['orders.created', 'payments.settled']
 */
export function exactAddresses(groups: readonly PublishChannelGroup[], onBroker: (slug: string) => boolean = () => true): string[] {
  const addresses = new Set<string>();
  for (const group of groups) {
    if (!onBroker(group.slug)) continue;
    for (const channel of group.channels) if (channel.parameters.length === 0) addresses.add(channel.address);
  }
  return [...addresses].sort().slice(0, MAX_OFFERED_ADDRESSES);
}
