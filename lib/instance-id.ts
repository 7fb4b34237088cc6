import { randomBytes } from 'node:crypto';
import { hostname } from 'node:os';

/**
 * A name for this portal process among the instances sharing a database and a Redis, readable in logs and in
 * PostgreSQL's pg_stat_activity: host, process id and a random part (a restarted process may reuse a pid).
 * @example newInstanceId() // 'portal-7f9c:4312:a1b2c3'
 */
export function newInstanceId(): string {
  return `${hostname()}:${process.pid}:${randomBytes(3).toString('hex')}`;
}
