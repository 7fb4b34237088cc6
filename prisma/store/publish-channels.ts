import { addressParameters } from '../../asyncapi/address-topic.ts';
import type { NormalisedParameter } from '../../asyncapi/types.ts';
import type { StoreClient } from '../db.ts';
import { NotFoundError } from './errors.ts';
import { readParameters } from './json-columns.ts';
import { latestVersions } from './latest.ts';
import { MESSAGE_COLUMNS, toMessage } from './mappers.ts';
import type { MessageDetail } from './types.ts';

/** A channel one can publish to, without its schemas: enough to list and choose it. */
export interface PublishChannelOption {
  key: string;
  address: string;
  description: string | null;
  /** The parameter names in the address, in order. */
  parameters: string[];
  messages: { key: string; name: string | null; title: string | null }[];
}

/** A document's latest version and its channels that have an address. */
export interface PublishChannelGroup {
  slug: string;
  title: string;
  version: string;
  channels: PublishChannelOption[];
}

/** One channel in full: its parameters' schemas and its messages' payload schemas and examples. */
export interface PublishChannelDetail {
  slug: string;
  title: string;
  version: string;
  key: string;
  address: string | null;
  description: string | null;
  parameters: NormalisedParameter[];
  messages: MessageDetail[];
}

/**
 * The channels of every document's latest version, grouped by document (by title), each by address.
 * Channels without an address (3.x allows them) are left out: there is no topic to publish to.
 */
export async function listPublishChannels(db: StoreClient): Promise<PublishChannelGroup[]> {
  const latest = await latestVersions(db);
  const versions = await db.documentVersion.findMany({
    where: { id: { in: latest.map((l) => l.id) } },
    select: {
      version: true,
      document: { select: { slug: true, title: true } },
      channels: {
        where: { address: { not: null } },
        select: {
          key: true,
          address: true,
          description: true,
          messages: { select: { key: true, name: true, title: true }, orderBy: { id: 'asc' } },
        },
      },
    },
  });
  return versions
    .map((v) => ({
      slug: v.document.slug,
      title: v.document.title,
      version: v.version,
      channels: v.channels
        .map((c) => ({ ...c, address: c.address ?? '', parameters: addressParameters(c.address ?? '') }))
        .sort((a, b) => a.address.localeCompare(b.address)),
    }))
    .filter((group) => group.channels.length > 0)
    .sort((a, b) => a.title.localeCompare(b.title));
}

/**
 * One channel of one version, by its key, with everything needed to fill and check a payload.
 * @example const channel = await getPublishChannel(db, 'greenhouse-sensors', '2.1.0', 'sensorReading');
 */
export async function getPublishChannel(db: StoreClient, slug: string, version: string, key: string): Promise<PublishChannelDetail> {
  const row = await db.documentVersion.findFirst({
    where: { document: { slug }, version },
    select: {
      document: { select: { title: true } },
      channels: {
        where: { key },
        select: {
          key: true,
          address: true,
          description: true,
          parameters: true,
          messages: { select: MESSAGE_COLUMNS, orderBy: { id: 'asc' } },
        },
      },
    },
  });
  if (!row) throw new NotFoundError(`Version ${version} of "${slug}"`);
  const channel = row.channels[0];
  if (!channel) throw new NotFoundError(`Channel "${key}" of "${slug}" ${version}`);
  return {
    slug,
    title: row.document.title,
    version,
    key: channel.key,
    address: channel.address,
    description: channel.description,
    parameters: readParameters(channel.parameters),
    messages: channel.messages.map(toMessage),
  };
}
