import { randomBytes } from 'node:crypto';
import { Redis } from 'ioredis';
import { startRedis } from './services.ts';

export interface TestRedis {
  /** REDIS_URL (the runner's throwaway Redis), or a server started for this file when it is unset. */
  url: string;
  /** Unique to this use: put it in front of channels, patterns and connection names so tests sharing a server never meet. */
  prefix: string;
  /** A plain connection, closed by stop(). */
  connect(): Redis;
  /** How many patterns the connection named `name` is PSUBSCRIBEd to, from CLIENT LIST (PUBSUB NUMPAT counts every client). */
  patternCount(name: string): Promise<number>;
  /**
   * The URL of a database index (1 to 15) claimed for this use alone, for code with fixed key names:
   * FLUSHDB there touches no one else's keys. Released by stop().
   */
  claimDatabase(): Promise<string>;
  stop(): Promise<void>;
}

const CLAIM_MS = 10 * 60_000;

/**
 * The Redis a test file uses: the one `npm test` started, shared across files, with a prefix of its own.
 * @example const redis = await useRedis(); const publisher = redis.connect(); after(() => redis.stop());
 */
export async function useRedis(): Promise<TestRedis> {
  const own = process.env.REDIS_URL ? null : await startRedis();
  const url = process.env.REDIS_URL ?? own!.url;
  const token = randomBytes(4).toString('hex');
  const connections: Redis[] = [];
  const claimed: string[] = [];
  const connect = (): Redis => {
    const redis = new Redis(url);
    connections.push(redis);
    return redis;
  };
  const admin = connect();
  return {
    url,
    prefix: `test-${token}.`,
    connect,
    async patternCount(name) {
      const clients = String(await admin.client('LIST')).split('\n');
      const fields = clients.map((line) => new Map(line.split(' ').map((pair) => pair.split('=', 2) as [string, string])));
      return fields.filter((client) => client.get('name') === name).reduce((sum, client) => sum + Number(client.get('psub') ?? 0), 0);
    },
    async claimDatabase() {
      for (let index = 1; index < 16; index++) {
        const key = `testing:database:${index}`;
        if ((await admin.set(key, token, 'PX', CLAIM_MS, 'NX')) !== 'OK') continue;
        claimed.push(key);
        const database = new URL(url);
        database.pathname = `/${index}`;
        return database.toString();
      }
      throw new Error(`every Redis database of ${url} is claimed by other tests; wait for them or free testing:database:* keys`);
    },
    async stop() {
      for (const key of claimed) if ((await admin.get(key)) === token) await admin.del(key);
      connections.forEach((redis) => redis.disconnect());
      await own?.stop();
    },
  };
}
