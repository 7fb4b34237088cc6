import { createHash } from 'node:crypto';
import type { BetterAuthRateLimitStorage } from 'better-auth';
import type { BrokerClient } from '../broker/redis.ts';
import { redisScript } from '../broker/script.ts';
import { log } from '../log.ts';
import { throttledLog } from '../log-throttle.ts';

/** better-auth's request counts (per address and endpoint), apart from the keys of the system whose broker this is. */
export const AUTH_RATE_KEY_PREFIX = 'portal:auth-rate:';
/** Keys longer than this (better-auth's key holds the request's path) are stored by their SHA-256. */
const MAX_KEY_CHARS = 256;
/** The most windows the fallback remembers while Redis is out of reach; the oldest go first. */
const MAX_FALLBACK_KEYS = 100_000;

/**
 * A fixed window per key: the first request starts it (PEXPIRE = window), each counts, and once over `max` the
 * answer is the milliseconds left in it. One script, so concurrent requests on any instance are counted exactly.
 */
const CONSUME = redisScript(`
local count = redis.call('INCR', KEYS[1])
local ttl = redis.call('PTTL', KEYS[1])
if ttl < 0 then
  redis.call('PEXPIRE', KEYS[1], ARGV[1])
  ttl = tonumber(ARGV[1])
end
if count > tonumber(ARGV[2]) then return ttl end
return 0
`);

type Rule = { window: number; max: number };

export interface RedisRateLimitOptions {
  /** The portal's command connection (`connectBroker`). */
  redis: BrokerClient;
  /** Put after the prefix, so tests sharing a Redis never meet; empty in the portal. */
  namespace?: string;
}

/**
 * better-auth's own rate limit (`rateLimit.customStorage`) on Redis, so that every instance counts each address's
 * requests to an endpoint together. Not `secondaryStorage`: that would move sessions and verification tokens to
 * Redis as well, where the revocation and audit code (which reads sessions in PostgreSQL) would not see them.
 * While Redis is out of reach it counts in this process instead, as before, rather than refuse sign-out and session
 * reads; password guessing is held by the sign-in failure limit, which fails closed.
 * @example createPortalAuth({ …, rateLimitStorage: createRedisRateLimitStorage({ redis: broker.redis }) });
 */
export function createRedisRateLimitStorage({ redis, namespace = '' }: RedisRateLimitOptions): BetterAuthRateLimitStorage {
  const fallback = memoryWindows();
  const logFallback = throttledLog((message, cause) => log.error(message, cause), 60_000);
  return {
    async consume(key, rule) {
      const stored = key.length > MAX_KEY_CHARS ? `sha256:${createHash('sha256').update(key).digest('hex')}` : key;
      let waitMs: number;
      try {
        const answer = await CONSUME.run(redis, [`${AUTH_RATE_KEY_PREFIX}${namespace}${stored}`], [rule.window * 1000, rule.max]);
        if (typeof answer !== 'number') throw new Error(`the rate limit script answered ${String(answer)}`);
        waitMs = answer;
      } catch (error) {
        logFallback("better-auth's rate limit is counted per process while Redis is out of reach", error);
        waitMs = fallback(key, rule);
      }
      return waitMs > 0 ? { allowed: false, retryAfter: Math.ceil(waitMs / 1000) } : { allowed: true, retryAfter: null };
    },
  };
}

/** The same fixed windows in this process's memory: the milliseconds left in a key's window once it is over `max`, else 0. */
function memoryWindows(now: () => number = Date.now): (key: string, rule: Rule) => number {
  const windows = new Map<string, { count: number; endsAt: number }>();
  return (key, rule) => {
    let current = windows.get(key);
    if (!current || current.endsAt <= now()) {
      windows.delete(key);
      current = { count: 0, endsAt: now() + rule.window * 1000 };
      windows.set(key, current);
      const oldest = windows.size > MAX_FALLBACK_KEYS ? windows.keys().next().value : undefined;
      if (oldest !== undefined) windows.delete(oldest);
    }
    current.count++;
    return current.count > rule.max ? current.endsAt - now() : 0;
  };
}
