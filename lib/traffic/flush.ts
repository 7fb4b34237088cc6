import type { BrokerClient } from '../broker/redis.ts';
import { UNDOCUMENTED_BOUNDS, type TrafficBatch, type UndocumentedBounds } from './batch.ts';
import { TRAFFIC_TTL_MS, type TrafficKeys } from './keys.ts';
import { redisScript } from '../broker/script.ts';

/**
 * Applies one batch, fenced by the lease: a sender that no longer holds it changes nothing ('fenced'), and a batch
 * already applied (a retry after a lost reply) is not applied again ('duplicate'). Then bounds the undocumented
 * channels (by age, count and bytes, least recently seen first) and refreshes every TTL it wrote.
 * KEYS: lease, batch, since, undocumented, samples, undocumented bytes, then one per catalogued delta.
 * ARGV: token, batch number, now, ttl, max channels, max bytes, catalogued count,
 *   (messages, violations, lastSeen) per catalogued delta, then (name, messages, lastSeen, sample, size) per undocumented.
 */
const FLUSH = redisScript(`
local token, id, now, ttl = ARGV[1], tonumber(ARGV[2]), ARGV[3], ARGV[4]
if redis.call('GET', KEYS[1]) ~= token then return 'fenced' end
local last = redis.call('HMGET', KEYS[2], 'token', 'id')
if last[1] == token and tonumber(last[2]) >= id then return 'duplicate' end
local a = 8
for k = 1, tonumber(ARGV[7]) do
  local key = KEYS[6 + k]
  redis.call('HINCRBY', key, 'messages', ARGV[a])
  redis.call('HINCRBY', key, 'violations', ARGV[a + 1])
  local seen = redis.call('HGET', key, 'lastSeen')
  if not seen or tonumber(seen) < tonumber(ARGV[a + 2]) then redis.call('HSET', key, 'lastSeen', ARGV[a + 2]) end
  redis.call('PEXPIRE', key, ttl)
  a = a + 3
end
if a <= #ARGV then
  local names, samples = KEYS[4], KEYS[5]
  local bytes = tonumber(redis.call('GET', KEYS[6]) or '0')
  while a <= #ARGV do
    local name, at, sample = ARGV[a], ARGV[a + 2], ARGV[a + 3]
    local seen = redis.call('ZSCORE', names, name)
    if not seen then bytes = bytes + #name end
    if not seen or tonumber(seen) <= tonumber(at) then
      if seen then bytes = bytes - redis.call('HSTRLEN', samples, 's:' .. name) end
      bytes = bytes + #sample
      redis.call('ZADD', names, at, name)
      redis.call('HSET', samples, 's:' .. name, sample, 'b:' .. name, ARGV[a + 4])
    end
    redis.call('HINCRBY', samples, 'm:' .. name, ARGV[a + 1])
    a = a + 5
  end
  local cutoff = tonumber(now) - tonumber(ttl)
  local maxChannels, maxBytes = tonumber(ARGV[5]), tonumber(ARGV[6])
  while true do
    local oldest = redis.call('ZRANGE', names, 0, 0, 'WITHSCORES')
    if #oldest == 0 then break end
    local count = redis.call('ZCARD', names)
    if tonumber(oldest[2]) >= cutoff and (count <= 1 or (count <= maxChannels and bytes <= maxBytes)) then break end
    bytes = bytes - #oldest[1] - redis.call('HSTRLEN', samples, 's:' .. oldest[1])
    redis.call('ZREM', names, oldest[1])
    redis.call('HDEL', samples, 'm:' .. oldest[1], 's:' .. oldest[1], 'b:' .. oldest[1])
  end
  redis.call('SET', KEYS[6], bytes, 'PX', ttl)
  redis.call('PEXPIRE', names, ttl)
  redis.call('PEXPIRE', samples, ttl)
end
redis.call('SET', KEYS[3], now, 'NX', 'PX', ttl)
redis.call('PEXPIRE', KEYS[3], ttl)
redis.call('HSET', KEYS[2], 'token', token, 'id', ARGV[2])
redis.call('PEXPIRE', KEYS[2], ttl)
return 'applied'`);

export type FlushOutcome = 'applied' | 'duplicate' | 'fenced';

export interface FlushRequest {
  /** The lease token the batch was counted under. */
  token: string;
  /** Numbers the holder's batches, 1 up: a retry sends the same number. */
  id: number;
  batch: TrafficBatch;
  bounds?: UndocumentedBounds;
  now?: number;
}

/**
 * Adds a batch's counts to Redis in one script, if `token` still holds the lease.
 * @example if ((await flushBatch(redis, keys, { token, id: ++sent, batch })) === 'fenced') stopCounting();
 */
export async function flushBatch(
  client: BrokerClient,
  keys: TrafficKeys,
  { token, id, batch, bounds = UNDOCUMENTED_BOUNDS, now = Date.now() }: FlushRequest,
): Promise<FlushOutcome> {
  const channelKeys: string[] = [];
  const args: (string | number | Buffer)[] = [token, id, now, TRAFFIC_TTL_MS, bounds.maxChannels, bounds.maxBytes, batch.catalogued.size];
  for (const { channel, messages, violations, lastSeen } of batch.catalogued.values()) {
    channelKeys.push(keys.channel(channel));
    args.push(messages, violations, lastSeen);
  }
  for (const [name, { messages, lastSeen, sample, sampleBytes }] of batch.undocumented)
    args.push(name, messages, lastSeen, sample, sampleBytes);
  const head = [keys.lease, keys.batch, keys.since, keys.undocumented, keys.samples, keys.undocumentedBytes];
  return (await FLUSH.run(client, [...head, ...channelKeys], args)) as FlushOutcome;
}
