import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { openDatabase, type Database } from '../prisma/db.ts';
import { useRedis, type TestRedis } from '../testing/redis.ts';
import { freePort } from '../testing/services.ts';
import { connectBroker, type BrokerConnection } from './broker/redis.ts';
import { BrokerUnavailableError } from './errors.ts';
import { publishTestEvent } from './broker/publish.ts';
import { checkHealth } from './health.ts';

let database: Database;
let redis: TestRedis;
const brokers: BrokerConnection[] = [];

before(async () => {
  database = await openDatabase({ pgliteDir: 'memory://' });
  redis = await useRedis();
});
after(async () => {
  await Promise.all(brokers.map((b) => b.close()));
  await database.close();
  await redis.stop();
});

const broker = (url: string): BrokerConnection => {
  const connection = connectBroker(url);
  brokers.push(connection);
  return connection;
};

test('reports ok when the database and Redis answer', async () => {
  const report = await checkHealth(database, broker(redis.url));
  assert.equal(report.status, 'ok');
  assert.deepEqual(report.database, { status: 'up', kind: 'pglite' });
  assert.deepEqual(report.broker, { status: 'up', kind: 'server' });
});

test('reports degraded, not down, when Redis is unreachable, and publishing fails fast with a clear error', async () => {
  const dead = broker(`redis://127.0.0.1:${await freePort()}`);
  const started = Date.now();
  const report = await checkHealth(database, dead);
  assert.equal(report.status, 'degraded');
  assert.equal(report.database.status, 'up');
  assert.equal(report.broker.status, 'down');
  assert.ok(report.broker.error, 'says why');
  await assert.rejects(publishTestEvent(dead, 'orders', 'x'), BrokerUnavailableError);
  assert.ok(Date.now() - started < 3_000, 'no hanging on a dead broker');
});
