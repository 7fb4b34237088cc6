import { once } from 'node:events';
import type { BrokerConnection } from './broker/redis.ts';
import type { Database } from '../prisma/db.ts';

export interface HealthReport {
  status: 'ok' | 'degraded' | 'down';
  database: { status: 'up' | 'down'; kind: Database['kind']; error?: string };
  broker: { status: 'up' | 'down'; error?: string };
}

const PING_TIMEOUT_MS = 1_000;

/** Checks the database and the broker; the catalogue works without the broker, so that is "degraded". */
export async function checkHealth(database: Database, broker: BrokerConnection): Promise<HealthReport> {
  const [db, redis] = await Promise.all([
    database.prisma.$queryRaw`SELECT 1`.then(
      () => ({ status: 'up' as const }),
      (error: Error) => ({ status: 'down' as const, error: error.message }),
    ),
    pingBroker(broker).then(
      () => ({ status: 'up' as const }),
      (error: Error) => ({ status: 'down' as const, error: broker.lastError() ?? error.message }),
    ),
  ]);
  const status = db.status === 'down' ? 'down' : redis.status === 'down' ? 'degraded' : 'ok';
  return { status, database: { ...db, kind: database.kind }, broker: redis };
}

/** Pings Redis; a connection still starting up gets the same time to become ready. */
async function pingBroker(broker: BrokerConnection): Promise<void> {
  if (broker.state() === 'connecting') await withTimeout(once(broker.redis, 'ready'), PING_TIMEOUT_MS);
  await withTimeout(broker.redis.ping(), PING_TIMEOUT_MS);
}

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no answer within ${ms} ms`)), ms);
    promise.then(resolve, reject).finally(() => clearTimeout(timer));
  });
}
