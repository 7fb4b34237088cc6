import { listChannels } from '../prisma/store/channels.ts';
import type { StoreClient } from '../prisma/db.ts';
import type { ChannelListing } from '../prisma/store/types.ts';
import { ChannelMatcher } from './conformance/channel-matcher.ts';

/**
 * The channels of the latest versions that a search term finds: by text (address, key, description, message
 * names), and, when the term is a concrete channel name, every channel whose address it is an instance of as
 * live conformance matches it (`greenhouse/north/alert` finds `greenhouse/{zone}/alert`). Without a term, all.
 * @example await searchChannels(db, 'greenhouse/north/alert') // [{ address: 'greenhouse/{zone}/alert', … }]
 */
export async function searchChannels(db: StoreClient, term: string | undefined): Promise<ChannelListing[]> {
  if (!term) return listChannels(db);
  const [byText, all] = await Promise.all([listChannels(db, term), listChannels(db)]);
  const best = ChannelMatcher.compile(all).match(term);
  if (!best) return byText;
  // The best match's address, in every document that shares it: one channel of the system, as the system map reads it.
  const address = best.channel.address;
  const found = new Set(byText.map(listingKey));
  const byAddress = all.filter((channel) => channel.address === address && !found.has(listingKey(channel)));
  return [...byAddress, ...byText];
}

function listingKey(channel: ChannelListing): string {
  return JSON.stringify([channel.slug, channel.key]);
}
