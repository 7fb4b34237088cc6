import assert from 'node:assert/strict';
import { once } from 'node:events';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, test } from 'node:test';
import { Redis } from 'ioredis';
import { startRedis, type RedisOptions, type RunningRedis } from '../../testing/services.ts';
import { waitUntil } from '../../testing/wait.ts';
import { createBrokerService } from './broker-service.ts';
import { acknowledgeDeferred, claimNextDeferred, type DeferredEvent } from './deferred-queue.ts';
import { AOF_OFF_WARNING, AOF_UNKNOWN_WARNING, readPersistence, warnUnlessPersistent } from './persistence.ts';
import { connectBroker, type BrokerConnection } from './redis.ts';

// Each test runs its own redis-server, since restarting the shared one (or changing its config) would disturb other tests.
const BODIES = ['{"task":"resize","n":1}', 'plain text', 'ünïcode ✓', '{"task":"mail","n":4}'];

/** Everything left on the queue, in order, claimed and acknowledged as `npm run worker` does. */
async function drain(redis: Redis): Promise<DeferredEvent[]> {
  const delivered: DeferredEvent[] = [];
  for (let event = await claimNextDeferred(redis, 'w', { blockMs: 50, reclaimAfterMs: 0 }); event;) {
    delivered.push(event);
    await acknowledgeDeferred(redis, event, 'w');
    event = await claimNextDeferred(redis, 'w', { blockMs: 50, reclaimAfterMs: 0 });
  }
  return delivered;
}

describe('the deferred queue across a Redis restart', () => {
  const dirs: string[] = [];
  const running: RunningRedis[] = [];
  const connections: BrokerConnection[] = [];
  after(async () => {
    await Promise.all(connections.map((connection) => connection.close()));
    await Promise.all(running.map((redis) => redis.stop()));
    dirs.forEach((dir) => rmSync(dir, { recursive: true, force: true }));
  });

  async function start(options: RedisOptions, port?: number): Promise<RunningRedis> {
    const redis = await startRedis(port, options);
    running.push(redis);
    return redis;
  }
  async function connect(url: string): Promise<BrokerConnection<Redis>> {
    const connection = connectBroker(url);
    connections.push(connection);
    await once(connection.redis, 'ready');
    return connection;
  }

  /** Starts Redis again once the connection has seen it go, and waits for the connection to be back. */
  async function restart(connection: BrokerConnection, startAgain: () => Promise<RunningRedis>): Promise<void> {
    await waitUntil(() => connection.state() !== 'ready', 'the portal noticing Redis is gone');
    await startAgain();
    await waitUntil(() => connection.state() === 'ready', 'the portal reconnecting to the restarted Redis');
  }

  test('with AOF on, every queued event (one of them taken, not acknowledged) survives a crash and is delivered', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'portal-aof-'));
    dirs.push(dir);
    const first = await start({ appendOnly: true, dir });
    const connection = await connect(first.url);
    const broker = createBrokerService(connection);
    const ids = [];
    for (const body of BODIES) ids.push(await broker.deferExecution(body));
    const taken = await claimNextDeferred(connection.redis, 'doomed', { blockMs: 50 });
    assert.equal(taken?.id, ids[0]);
    const before = await broker.queueStats();
    assert.deepEqual(before.persistence, { aof: true });
    assert.deepEqual({ depth: before.depth, pending: before.pending }, { depth: BODIES.length - 1, pending: 1 });

    await first.kill(); // SIGKILL: no final write, as a crash or an OOM kill.
    await restart(connection, () => start({ appendOnly: true, dir }, first.port));

    const after = await broker.queueStats();
    assert.deepEqual({ depth: after.depth, pending: after.pending }, { depth: BODIES.length - 1, pending: 1 });
    const delivered = await drain(connection.redis);
    assert.deepEqual(
      delivered.map((event) => [event.id, event.body]),
      ids.map((id, index) => [id, BODIES[index]]),
      'each event once, the unacknowledged one reclaimed first',
    );
    assert.deepEqual((await broker.queueStats()).recentlyProcessed.length, BODIES.length);
  });

  test('with AOF off, the stats carry the warning, the log says it once, and a restart loses the queue', async () => {
    const first = await start({});
    const connection = await connect(first.url);
    const warnings: string[] = [];
    warnUnlessPersistent(connection, (message) => warnings.push(message));
    const broker = createBrokerService(connection);
    for (const body of BODIES) await broker.deferExecution(body);
    const stats = await broker.queueStats();
    assert.deepEqual(stats.persistence, { aof: false, warning: AOF_OFF_WARNING });
    assert.match(AOF_OFF_WARNING, /appendonly yes/);
    await waitUntil(() => warnings.length > 0, 'the persistence warning');

    await first.kill();
    await restart(connection, () => start({}, first.port));
    assert.equal((await broker.queueStats()).depth, 0, 'what the warning is about');
    await new Promise((resolve) => setTimeout(resolve, 100));
    assert.deepEqual(warnings, [AOF_OFF_WARNING], 'warned once, not on every reconnect');
  });

  test('a Redis that refuses CONFIG (as managed services do) is read through INFO persistence', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'portal-aof-'));
    dirs.push(dir);
    for (const [options, aof] of [
      [{ appendOnly: true, dir, args: ['--rename-command', 'CONFIG', ''] }, true],
      [{ args: ['--rename-command', 'CONFIG', ''] }, false],
    ] as const) {
      const connection = await connect((await start(options)).url);
      assert.equal((await readPersistence(connection.redis)).aof, aof);
    }
  });

  test('a Redis that refuses CONFIG and INFO is reported as unknown, with a warning', async () => {
    const server = await start({ args: ['--rename-command', 'CONFIG', '', '--rename-command', 'INFO', ''] });
    // ioredis's ready check itself sends INFO, so this connection goes without it.
    const redis = new Redis(server.url, { enableReadyCheck: false });
    try {
      assert.deepEqual(await readPersistence(redis), { aof: null, warning: AOF_UNKNOWN_WARNING });
    } finally {
      redis.disconnect();
    }
  });

  test('a connection that fails says nothing about persistence: no "unknown" warning, asked again later', async () => {
    const redis = await startRedis();
    const connection = connectBroker(redis.url);
    const warnings: string[] = [];
    try {
      await once(connection.redis, 'ready');
      await redis.stop();
      await assert.rejects(readPersistence(connection.redis));
      warnUnlessPersistent(connection, (message) => warnings.push(message));
      await new Promise((resolve) => setTimeout(resolve, 200));
      assert.deepEqual(warnings, [], 'an unreachable Redis is not reported as one that refused to say');
    } finally {
      await connection.close();
    }
  });
});
