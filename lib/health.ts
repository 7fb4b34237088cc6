import { once } from 'node:events';
import type { BrokerConnection } from './broker/redis.ts';
import type { Database } from '../prisma/db.ts';
import { isDatabaseUnreachable } from '../prisma/unreachable.ts';
import { log } from './log.ts';
import { throttledLog } from './log-throttle.ts';

export interface HealthReport {
  status: 'ok' | 'degraded' | 'down';
  database: { status: 'up' | 'down'; kind: Database['kind']; error?: string };
  broker: { status: 'up' | 'down'; error?: string };
}

const PING_TIMEOUT_MS = 1_000;

/** Anyone may call /api/health, in a loop if they like: during an outage its failure is logged once a minute. */
const logDatabaseFailure = throttledLog((message, cause) => log.error(message, cause), 60_000);

/** Checks the database and the broker; the catalogue works without the broker, so that is "degraded". */
export async function checkHealth(database: Database, broker: BrokerConnection): Promise<HealthReport> {
  const [db, redis] = await Promise.all([
    database.prisma.$queryRaw`SELECT 1`.then(
      () => ({ status: 'up' as const }),
      (error: unknown) => ({ status: 'down' as const, error: databaseProblem(error) }),
    ),
    pingBroker(broker).then(
      () => ({ status: 'up' as const }),
      (error: Error) => ({ status: 'down' as const, error: broker.lastError() ?? error.message }),
    ),
  ]);
  const status = db.status === 'down' ? 'down' : redis.status === 'down' ? 'degraded' : 'ok';
  return { status, database: { ...db, kind: database.kind }, broker: redis };
}

/**
 * What the report says of a failed database check: a fixed phrase, since the driver's message names the
 * host, port and SQL, and anyone may read /api/health. The server log has the error itself.
 */
function databaseProblem(error: unknown): string {
  logDatabaseFailure('the health check could not query the database', error);
  return isDatabaseUnreachable(error)
    ? 'The catalogue database is unreachable.'
    : 'The catalogue database did not answer the health check; the server log has the details.';
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
