import { createHash, randomBytes } from 'node:crypto';
import type { BrokerClient } from '../broker/redis.ts';
import { redisScript } from '../broker/script.ts';
import { SignInUnavailableError } from '../errors.ts';
import { log } from '../log.ts';
import { throttledLog } from '../log-throttle.ts';
import { SIGN_IN_LIMITS, type FailureLimiter, type FailureLimits } from './failure-limiter.ts';

/**
 * The keys' prefix. One hash tag for all, so a script may touch an address's and an email's key together on a
 * Redis Cluster; a name of the portal's own, apart from the keys of the system whose broker this Redis is.
 */
export const SIGN_IN_KEY_PREFIX = '{portal:sign-in}:failures:';
/** Keys longer than this (an email may be 16 KB of sign-in body) are stored by their SHA-256. */
const MAX_KEY_CHARS = 256;

/**
 * Each key is a sorted set of failures scored by the time Redis gives (one clock for every instance). A key with
 * `max` failures newer than the window refuses the attempt and answers the milliseconds until its oldest leaves the
 * window; else the attempt is added to every key (kept to its newest `max`, expiring with the window). One script,
 * so that instances checking and counting at the same moment cannot all pass the check before any counted.
 */
const ADMIT = redisScript(`
local max, window, ticket = tonumber(ARGV[1]), tonumber(ARGV[2]), ARGV[3]
local time = redis.call('TIME')
local now = tonumber(time[1]) * 1000 + math.floor(tonumber(time[2]) / 1000)
local wait = 0
for _, key in ipairs(KEYS) do
  redis.call('ZREMRANGEBYSCORE', key, '-inf', now - window)
  local count = redis.call('ZCARD', key)
  if count >= max then
    local oldest = redis.call('ZRANGE', key, count - max, count - max, 'WITHSCORES')
    wait = math.max(wait, tonumber(oldest[2]) + window - now)
  end
end
if wait > 0 then return wait end
for _, key in ipairs(KEYS) do
  redis.call('ZADD', key, now, ticket)
  redis.call('ZREMRANGEBYRANK', key, 0, -(max + 1))
  redis.call('PEXPIRE', key, window)
end
return 0
`);

/** Takes one attempt's failure back from each key; a key left empty is gone (Redis drops an empty set). */
const FORGIVE = redisScript(`
for _, key in ipairs(KEYS) do redis.call('ZREM', key, ARGV[1]) end
return 0
`);

export interface RedisFailureLimiterOptions {
  /** The portal's command connection (`connectBroker`), to one server or a cluster. */
  redis: BrokerClient;
  limits?: Pick<FailureLimits, 'max' | 'windowMs'>;
  /** Put after the prefix, so tests sharing a Redis never meet; empty in the portal. */
  namespace?: string;
}

/**
 * The sign-in failure limiter every instance on one Redis shares: ten failures a minute per address and per email
 * hold however many instances the load balancer spreads attempts over. While Redis cannot be reached `admit` throws
 * `SignInUnavailableError` (503): sign-in fails closed, since counting per process instead would let a guesser try
 * ten passwords a minute on each instance, and afresh after each restart; signed-in sessions (PostgreSQL) carry on.
 * @example const limiter = createRedisFailureLimiter({ redis: broker.redis }); await limiter.admit(['email:a@example.com']);
 */
export function createRedisFailureLimiter({ redis, limits = SIGN_IN_LIMITS, namespace = '' }: RedisFailureLimiterOptions): FailureLimiter {
  const keyOf = (key: string) =>
    `${SIGN_IN_KEY_PREFIX}${namespace}${key.length > MAX_KEY_CHARS ? `sha256:${createHash('sha256').update(key).digest('hex')}` : key}`;
  const logForgiveFailure = throttledLog((message, cause) => log.error(message, cause), 60_000);
  return {
    async admit(keys) {
      const ticket = randomBytes(12).toString('base64url');
      let wait: unknown;
      try {
        wait = await ADMIT.run(redis, keys.map(keyOf), [limits.max, limits.windowMs, ticket]);
      } catch (error) {
        throw new SignInUnavailableError(error);
      }
      if (typeof wait !== 'number') throw new SignInUnavailableError(new Error(`the sign-in limit script answered ${String(wait)}`));
      return wait > 0 ? { admitted: false, retryAfter: Math.ceil(wait / 1000) } : { admitted: true, ticket };
    },
    async forgive(keys, ticket) {
      // A successful sign-in whose failure cannot be taken back just keeps it until the window ends.
      await FORGIVE.run(redis, keys.map(keyOf), [ticket]).catch((error: unknown) =>
        logForgiveFailure('could not take back a sign-in counted as failed (Redis unreachable); it counts until its window ends', error),
      );
    },
  };
}
