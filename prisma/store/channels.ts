import type { StoreClient } from '../db.ts';
import { latestVersions } from './latest.ts';
import { CHANNEL_LISTING_COLUMNS, toChannelListing } from './mappers.ts';
import type { ChannelListing } from './types.ts';

/**
 * Every channel of every document's latest version; with a term, those whose address, key,
 * description or message names contain it.
 * @example const channels = await listChannels(db, 'orders');
 */
export async function listChannels(db: StoreClient, term?: string): Promise<ChannelListing[]> {
  const latest = await latestVersions(db);
  // Prisma passes `contains` to ILIKE as is, so % and _ in the term must be escaped to be found literally.
  const contains = term ? { contains: term.replace(/[\\%_]/g, '\\$&'), mode: 'insensitive' as const } : undefined;
  const channels = await db.channel.findMany({
    where: {
      versionId: { in: latest.map((l) => l.id) },
      ...(contains
        ? {
            OR: [
              { address: contains },
              { key: contains },
              { description: contains },
              { messages: { some: { OR: [{ name: contains }, { key: contains }] } } },
            ],
          }
        : {}),
    },
    select: CHANNEL_LISTING_COLUMNS,
  });
  return channels
    .map(toChannelListing)
    .sort((a, b) => (a.address ?? a.key).localeCompare(b.address ?? b.key) || a.slug.localeCompare(b.slug));
}
