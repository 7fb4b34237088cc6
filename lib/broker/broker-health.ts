import { once } from 'node:events';
import { Cluster } from 'ioredis';
import { everyNode, nodeAddress, type BrokerConnection } from './redis.ts';

/** The broker's part of /api/health. `kind`: one Redis server, or a Redis Cluster. */
export interface BrokerHealth {
  status: 'up' | 'down';
  kind: 'server' | 'cluster';
  error?: string;
}

const PING_TIMEOUT_MS = 1_000;

/**
 * Pings the server, or on a cluster asks every master ioredis knows for CLUSTER INFO: up only when each answers
 * `cluster_state:ok`. A master that is gone and not yet replaced leaves its slots unserved. Never throws.
 * @example const { status, error } = await checkBroker(broker);
 */
export async function checkBroker(broker: BrokerConnection): Promise<BrokerHealth> {
  const kind = broker.redis instanceof Cluster ? 'cluster' : 'server';
  try {
    // A connection still starting up gets the same time to become ready.
    if (broker.state() === 'connecting') await withTimeout(once(broker.redis, 'ready'), PING_TIMEOUT_MS);
    if (broker.redis instanceof Cluster) await checkCluster(broker.redis);
    else await withTimeout(broker.redis.ping(), PING_TIMEOUT_MS);
    return { status: 'up', kind };
  } catch (error) {
    // While the connection is down its own error says why; while it is up, what the check found.
    return { status: 'down', kind, error: (broker.state() === 'ready' ? null : broker.lastError()) ?? (error as Error).message };
  }
}

async function checkCluster(cluster: Cluster): Promise<void> {
  await Promise.all(
    everyNode(cluster, 'master').map(async (node) => {
      const info = await withTimeout(node.cluster('INFO'), PING_TIMEOUT_MS).catch((error: Error) => {
        throw new Error(`Redis Cluster node ${nodeAddress(node)}: ${error.message}`);
      });
      const state = /^cluster_state:(\w+)/m.exec(info)?.[1] ?? 'unknown';
      if (state !== 'ok')
        throw new Error(`Redis Cluster node ${nodeAddress(node)} reports cluster_state:${state}: some slots have no master`);
    }),
  );
}

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no answer within ${ms} ms`)), ms);
    promise.then(resolve, reject).finally(() => clearTimeout(timer));
  });
}
