import { checkBroker, type BrokerHealth } from './broker/broker-health.ts';
import type { BrokerConnection } from './broker/redis.ts';
import type { Database } from '../prisma/db.ts';
import { isDatabaseUnreachable } from '../prisma/unreachable.ts';
import { log } from './log.ts';
import { throttledLog } from './log-throttle.ts';

export interface HealthReport {
  status: 'ok' | 'degraded' | 'down';
  database: { status: 'up' | 'down'; kind: Database['kind']; error?: string };
  broker: BrokerHealth;
}

/** Anyone may call /api/health, in a loop if they like: during an outage its failure is logged once a minute. */
const logDatabaseFailure = throttledLog((message, cause) => log.error(message, cause), 60_000);

/** Checks the database and the broker; the catalogue works without the broker, so that is "degraded". */
export async function checkHealth(database: Database, broker: BrokerConnection): Promise<HealthReport> {
  const [db, redis] = await Promise.all([
    database.prisma.$queryRaw`SELECT 1`.then(
      () => ({ status: 'up' as const }),
      (error: unknown) => ({ status: 'down' as const, error: databaseProblem(error) }),
    ),
    checkBroker(broker),
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
