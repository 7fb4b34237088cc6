import type { Redis } from 'ioredis';
import type { TrafficKeys } from '../lib/traffic/keys.ts';

/** Every key of an installation's counts with what it holds, to compare before and after (one server, not a cluster). */
export async function trafficContents(client: Redis, keys: TrafficKeys): Promise<Record<string, unknown>> {
  const contents: Record<string, unknown> = {};
  for (const key of (await scanAll(client, keys)).sort()) {
    const type = await client.type(key);
    if (type === 'hash') contents[key] = await client.hgetall(key);
    else if (type === 'zset') contents[key] = await client.zrange(key, 0, -1, 'WITHSCORES');
    else contents[key] = await client.get(key);
  }
  return contents;
}

/** Deletes an installation's counts, as a test cleans up after itself. */
export async function dropTraffic(client: Redis, keys: TrafficKeys): Promise<void> {
  const found = await scanAll(client, keys);
  for (const key of found) await client.del(key);
}

async function scanAll(client: Redis, keys: TrafficKeys): Promise<string[]> {
  const found: string[] = [];
  let cursor = '0';
  do {
    const [next, batch] = await client.scan(cursor, 'MATCH', keys.all, 'COUNT', 1_000);
    found.push(...batch);
    cursor = next;
  } while (cursor !== '0');
  return found;
}
