import type { ConformanceStatus } from '../../lib/live/events.ts';

/** The figures of one concrete channel. */
export interface ChannelRate {
  channel: string;
  count: number;
  /** Messages per second over the rate window. */
  rate: number;
  /** Messages checked against a schema (conforming or violating), and how many violated. */
  checked: number;
  violations: number;
  /** The conformance of the latest message, when the portal checks traffic. */
  status: ConformanceStatus | null;
  /** When the latest message was received (ms since the epoch). */
  lastSeen: number;
}

/** One row of the busiest-channels table: a catalogued channel with the concrete channels that matched it. */
export interface ChannelGroupRate extends Omit<ChannelRate, 'channel'> {
  /** What keys the row: the catalogued address, or the concrete channel when it matched none. */
  key: string;
  /** The catalogued address (`parcel.{parcelId}.status`), or null for a channel the catalogue does not know. */
  address: string | null;
  /** The busiest concrete channels inside, at most `membersShown`. */
  channels: ChannelRate[];
  /** How many concrete channels the group has. */
  channelCount: number;
}

/**
 * Folds per-channel rates into rows per catalogued channel (the same address is one row, whatever the document),
 * summing counts, rates, checks and violations; the status is that of the latest message. Busiest first.
 * @example groupRates(rows, (channel) => addresses.get(channel) ?? null, 20, 20)
 */
export function groupRates(
  rows: readonly ChannelRate[],
  addressOf: (channel: string) => string | null,
  topSize: number,
  membersShown: number,
): ChannelGroupRate[] {
  const groups = new Map<string, ChannelGroupRate>();
  for (const row of rows) {
    const address = addressOf(row.channel);
    const key = address ?? row.channel;
    const group = groups.get(key);
    if (!group) {
      const { channel: _channel, ...figures } = row;
      groups.set(key, { ...figures, key, address, channels: [row], channelCount: 1 });
      continue;
    }
    group.count += row.count;
    group.rate += row.rate;
    group.checked += row.checked;
    group.violations += row.violations;
    if (row.lastSeen >= group.lastSeen) {
      group.lastSeen = row.lastSeen;
      group.status = row.status;
    }
    group.channels.push(row);
    group.channelCount += 1;
  }
  const ranked = [...groups.values()].sort(byRateThenCount).slice(0, topSize);
  for (const group of ranked) group.channels = group.channels.sort(byRateThenCount).slice(0, membersShown);
  return ranked;
}

type Ranked = Pick<ChannelRate, 'rate' | 'count'> & ({ key: string } | { channel: string });

function byRateThenCount(a: Ranked, b: Ranked): number {
  const nameA = 'key' in a ? a.key : a.channel;
  const nameB = 'key' in b ? b.key : b.channel;
  return b.rate - a.rate || b.count - a.count || (nameA < nameB ? -1 : 1);
}
