import { createHash } from 'node:crypto';
import type { BrokerClient } from './redis.ts';

/** A Lua script run by its SHA-1 (EVALSHA), its text sent only when the server does not know it yet. */
export interface RedisScript {
  /** Runs it with `keys` (on a Redis Cluster, all of one slot: give them one hash tag) and `args`. */
  run(redis: BrokerClient, keys: readonly string[], args: readonly (string | number | Buffer)[]): Promise<unknown>;
}

/**
 * A script that each call runs atomically on the server; what it returns is for the caller to check.
 * @example const script = redisScript("return redis.call('INCR', KEYS[1])"); await script.run(redis, ['counter'], []);
 */
export function redisScript(lua: string): RedisScript {
  const sha = createHash('sha1').update(lua).digest('hex');
  return {
    async run(redis, keys, args) {
      try {
        return await redis.evalsha(sha, keys.length, ...keys, ...args);
      } catch (error) {
        // A server that restarted, or a cluster node that never ran it, knows it by its text only.
        if (!(error instanceof Error) || !error.message.startsWith('NOSCRIPT')) throw error;
        return redis.eval(lua, keys.length, ...keys, ...args);
      }
    },
  };
}
