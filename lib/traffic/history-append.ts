import type { BrokerClient } from '../broker/redis.ts';
import { redisScript } from '../broker/script.ts';
import { ENTRY_OVERHEAD_BYTES, type HistoryBounds, type HistoryEntry } from './history-entry.ts';
import type { TrafficKeys } from './keys.ts';

/**
 * Appends a batch of entries to the history stream, fenced by the lease as counts are (flush.ts): a sender that no
 * longer holds it appends nothing, and a batch already appended is not appended again. Each entry's size (`b`) is
 * counted in `historyBytes`; then the oldest entries go, a bounded number per call, while the stream holds more
 * bytes than allowed or they are older than the age bound (by their ids, Redis's clock): XTRIM MINID past the last.
 * KEYS: lease, history, history bytes, history batch. ARGV: token, batch number, max bytes, max age (ms), then
 * (channel, status, document, receivedAt, rest) per entry. Answers the outcome.
 */
const APPEND = redisScript(`
local token, id = ARGV[1], tonumber(ARGV[2])
if redis.call('GET', KEYS[1]) ~= token then return 'fenced' end
local last = redis.call('HMGET', KEYS[4], 'token', 'id')
if last[1] == token and tonumber(last[2]) >= id then return 'duplicate' end
local maxBytes, maxAge = tonumber(ARGV[3]), tonumber(ARGV[4])
local bytes = 0
if redis.call('XLEN', KEYS[2]) > 0 then bytes = tonumber(redis.call('GET', KEYS[3]) or '0') end
for a = 5, #ARGV, 5 do
  local size = #ARGV[a] + #ARGV[a + 1] + #ARGV[a + 2] + #ARGV[a + 3] + #ARGV[a + 4] + ${ENTRY_OVERHEAD_BYTES}
  redis.call('XADD', KEYS[2], '*', 'c', ARGV[a], 's', ARGV[a + 1], 'd', ARGV[a + 2], 't', ARGV[a + 3], 'm', ARGV[a + 4], 'b', size)
  bytes = bytes + size
end
local time = redis.call('TIME')
local cutoff = tonumber(time[1]) * 1000 + math.floor(tonumber(time[2]) / 1000) - maxAge
for round = 1, 16 do
  local oldest = redis.call('XRANGE', KEYS[2], '-', '+', 'COUNT', 64)
  local through = nil
  local kept = false
  for _, entry in ipairs(oldest) do
    local ms, seq = string.match(entry[1], '^(%d+)-(%d+)$')
    if bytes <= maxBytes and tonumber(ms) >= cutoff then kept = true break end
    local fields = entry[2]
    for f = 1, #fields, 2 do if fields[f] == 'b' then bytes = bytes - tonumber(fields[f + 1]) end end
    through = ms .. '-' .. (tonumber(seq) + 1)
  end
  if through then redis.call('XTRIM', KEYS[2], 'MINID', through) end
  if kept or #oldest < 64 then break end
end
if redis.call('XLEN', KEYS[2]) == 0 then bytes = 0 end
redis.call('SET', KEYS[3], bytes, 'PX', maxAge)
redis.call('PEXPIRE', KEYS[2], maxAge)
redis.call('HSET', KEYS[4], 'token', token, 'id', ARGV[2])
redis.call('PEXPIRE', KEYS[4], maxAge)
return 'applied'`);

export type AppendOutcome = 'applied' | 'duplicate' | 'fenced';

export interface AppendRequest {
  /** The lease token the entries were recorded under. */
  token: string;
  /** Numbers the holder's history batches, 1 up: a retry sends the same number. */
  id: number;
  entries: readonly HistoryEntry[];
  bounds: Pick<HistoryBounds, 'maxBytes' | 'maxAgeMs'>;
}

/**
 * Appends entries to the history stream in one script, if `token` still holds the lease, and trims it to its bounds.
 * @example if ((await appendHistory(redis, keys, { token, id: ++sent, entries, bounds })) === 'fenced') stop();
 */
export async function appendHistory(
  client: BrokerClient,
  keys: TrafficKeys,
  { token, id, entries, bounds }: AppendRequest,
): Promise<AppendOutcome> {
  const args: (string | number)[] = [token, id, bounds.maxBytes, bounds.maxAgeMs];
  for (const { channel, status, document, receivedAt, rest } of entries) args.push(channel, status, document, receivedAt, rest);
  return (await APPEND.run(client, [keys.lease, keys.history, keys.historyBytes, keys.historyBatch], args)) as AppendOutcome;
}
