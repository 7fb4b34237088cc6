import type { BrokerClient } from '../broker/redis.ts';
import type { TrafficKeys } from './keys.ts';
import { redisScript } from '../broker/script.ts';

/** Removes the named undocumented channels with their counts and samples, and takes their bytes off the total. */
const FORGET = redisScript(`
local bytes = tonumber(redis.call('GET', KEYS[3]) or '0')
for _, name in ipairs(ARGV) do
  if redis.call('ZREM', KEYS[1], name) == 1 then
    bytes = bytes - #name - redis.call('HSTRLEN', KEYS[2], 's:' .. name)
    redis.call('HDEL', KEYS[2], 'm:' .. name, 's:' .. name, 'b:' .. name)
  end
end
if redis.call('EXISTS', KEYS[3]) == 1 then redis.call('SET', KEYS[3], bytes, 'KEEPTTL') end
return 0`);

/**
 * Drops the undocumented channels the catalogue now describes (one just registered from its draft, say). Any
 * instance may: it only removes, and each instance's catalogue describes a channel once it hears of the change.
 * @example await forgetDocumented(redis, keys, (channel) => checker.documents(channel));
 */
export async function forgetDocumented(client: BrokerClient, keys: TrafficKeys, isDocumented: (channel: string) => boolean): Promise<void> {
  const documented = (await client.zrange(keys.undocumented, 0, -1)).filter(isDocumented);
  if (documented.length > 0) await FORGET.run(client, [keys.undocumented, keys.samples, keys.undocumentedBytes], documented);
}
