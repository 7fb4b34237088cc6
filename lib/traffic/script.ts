import { createHash } from 'node:crypto';
import type { BrokerClient } from '../broker/redis.ts';

/** A Lua script, sent by its SHA-1 and in full only when the server does not know it yet. */
export interface LuaScript {
  source: string;
  sha: string;
}

export function luaScript(source: string): LuaScript {
  return { source, sha: createHash('sha1').update(source).digest('hex') };
}

/**
 * Runs `script` on the node of `keys` (on a cluster they must share one slot): EVALSHA, then EVAL after a NOSCRIPT
 * (a restarted or failed-over server has forgotten it).
 * @example await runScript(redis, RELEASE, [keys.lease], [token]);
 */
export async function runScript(
  client: BrokerClient,
  script: LuaScript,
  keys: readonly string[],
  args: readonly (string | number | Buffer)[],
): Promise<unknown> {
  try {
    return await client.evalsha(script.sha, keys.length, ...keys, ...args);
  } catch (error) {
    if (!(error instanceof Error) || !error.message.startsWith('NOSCRIPT')) throw error;
    return client.eval(script.source, keys.length, ...keys, ...args);
  }
}
