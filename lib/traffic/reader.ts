import type { BrokerClient } from '../broker/redis.ts';
import type { CheckedChannel } from '../conformance/checker.ts';
import type { CataloguedChannelTraffic, TrafficSnapshot, UndocumentedChannelTraffic } from '../conformance/traffic.ts';
import type { TrafficKeys } from './keys.ts';
import { redisScript } from '../broker/script.ts';

/**
 * Everything a snapshot needs in one round trip, read at one moment.
 * KEYS: since, undocumented, samples, then one per catalogued channel. ARGV: '1' to read the undocumented channels.
 * Answers { since, [messages, violations, lastSeen] per channel, [name, lastSeen, messages, sample, size] per undocumented }.
 */
const READ = redisScript(`
local channels = {}
for k = 4, #KEYS do channels[#channels + 1] = redis.call('HMGET', KEYS[k], 'messages', 'violations', 'lastSeen') end
local undocumented = {}
if ARGV[1] == '1' then
  local seen = redis.call('ZREVRANGE', KEYS[2], 0, -1, 'WITHSCORES')
  for j = 1, #seen, 2 do
    local name = seen[j]
    local fields = redis.call('HMGET', KEYS[3], 'm:' .. name, 's:' .. name, 'b:' .. name)
    undocumented[#undocumented + 1] = { name, seen[j + 1], fields[1], fields[2], fields[3] }
  end
end
return { redis.call('GET', KEYS[1]), channels, undocumented }`);

type Field = string | null;
type ReadReply = [Field, Field[][], Field[][]];

/**
 * The counts in Redis for `channels` (the reader's current index: silent ones show 0), and, unless `slug`
 * narrows it to one document, the undocumented channels most recently seen first, less those `isDocumented`
 * says the catalogue now describes.
 * @example await readTraffic(redis, keys, checker.channels, { isDocumented: (c) => checker.documents(c) })
 */
export async function readTraffic(
  client: BrokerClient,
  keys: TrafficKeys,
  channels: readonly CheckedChannel[],
  { slug, isDocumented = () => false }: { slug?: string | undefined; isDocumented?: (channel: string) => boolean } = {},
): Promise<TrafficSnapshot> {
  const wanted = slug === undefined ? channels : channels.filter((c) => c.slug === slug);
  const [since, counts, undocumented] = (await READ.run(
    client,
    [keys.since, keys.undocumented, keys.samples, ...wanted.map((c) => keys.channel(c))],
    [slug === undefined ? '1' : '0'],
  )) as ReadReply;
  const catalogued = wanted.map((channel, i): CataloguedChannelTraffic => {
    const [messages, violations, lastSeen] = counts[i] ?? [];
    return {
      ...channel.document,
      channelKey: channel.channelKey,
      address: channel.ref.address,
      messages: Number(messages ?? 0),
      violations: Number(violations ?? 0),
      lastSeen: lastSeen ? Number(lastSeen) : null,
    };
  });
  return {
    // Nobody has counted yet (or not within the TTL): counting starts now.
    since: since ? Number(since) : Date.now(),
    catalogued,
    undocumented: undocumented.map(undocumentedTraffic).filter((u) => !isDocumented(u.channel)),
  };
}

function undocumentedTraffic([channel, lastSeen, messages, sample, size]: Field[]): UndocumentedChannelTraffic {
  return {
    channel: channel ?? '',
    messages: Number(messages ?? 0),
    lastSeen: Number(lastSeen),
    samplePayload: sample ?? '',
    sampleBytes: Number(size ?? 0),
  };
}
