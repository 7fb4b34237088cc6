import { randomBytes } from 'node:crypto';
import type { BrokerClient } from '../broker/redis.ts';
import { TRAFFIC_TTL_MS, type TrafficKeys } from './keys.ts';
import { redisScript } from '../broker/script.ts';

/** How long a lease lasts unless renewed: a holder that dies is replaced within about this long. */
export const LEASE_MS = 10_000;

// Each also starts the counting period (`since`) when none is running.
const ACQUIRE = redisScript(`
if not redis.call('SET', KEYS[1], ARGV[1], 'NX', 'PX', ARGV[2]) then return 0 end
redis.call('SET', KEYS[2], ARGV[3], 'NX', 'PX', ARGV[4])
return 1`);

const RENEW = redisScript(`
if redis.call('GET', KEYS[1]) ~= ARGV[1] then return 0 end
redis.call('PEXPIRE', KEYS[1], ARGV[2])
redis.call('SET', KEYS[2], ARGV[3], 'NX', 'PX', ARGV[4])
return 1`);

const RELEASE = redisScript(`
if redis.call('GET', KEYS[1]) ~= ARGV[1] then return 0 end
return redis.call('DEL', KEYS[1])`);

/**
 * A token for one tenure of the lease: the instance's id, so logs and `leaseHolder` say who counts, and a random
 * part, so a holder that loses the lease and takes it again is not mistaken for its former self.
 */
export function leaseToken(instanceId: string): string {
  return `${instanceId}#${randomBytes(6).toString('hex')}`;
}

/**
 * Takes the lease if nobody holds it (SET NX PX); true when `token` holds it now.
 * @example if (await acquireLease(redis, keys, token)) startCounting();
 */
export async function acquireLease(client: BrokerClient, keys: TrafficKeys, token: string, leaseMs = LEASE_MS): Promise<boolean> {
  return (await ACQUIRE.run(client, [keys.lease, keys.since], [token, leaseMs, Date.now(), TRAFFIC_TTL_MS])) === 1;
}

/** Extends the lease if `token` still holds it; false when it has passed to another or lapsed. */
export async function renewLease(client: BrokerClient, keys: TrafficKeys, token: string, leaseMs = LEASE_MS): Promise<boolean> {
  return (await RENEW.run(client, [keys.lease, keys.since], [token, leaseMs, Date.now(), TRAFFIC_TTL_MS])) === 1;
}

/** Gives the lease up if `token` holds it, so another instance takes over at its next attempt rather than after it lapses. */
export async function releaseLease(client: BrokerClient, keys: TrafficKeys, token: string): Promise<boolean> {
  return (await RELEASE.run(client, [keys.lease], [token])) === 1;
}

/** The instance that counts now (the id its token starts with), or null when no one holds the lease. */
export async function leaseHolder(client: BrokerClient, keys: TrafficKeys): Promise<string | null> {
  const token = await client.get(keys.lease);
  return token === null ? null : token.slice(0, token.lastIndexOf('#'));
}
