import { once } from 'node:events';
import type { Redis } from 'ioredis';
import { connectBroker, connectSubscriber } from '../lib/broker/redis.ts';
import type { BrokerTarget } from '../lib/broker/target.ts';
import { startConformanceMonitor, type CatalogueSource, type ConformanceMonitor } from '../lib/conformance/monitor.ts';
import type { ClientQueueOptions } from '../lib/live/client-queue.ts';
import { startRecordingCapture } from '../lib/recordings/capture.ts';
import { createRecordings, type Recordings } from '../lib/recordings/recordings.ts';
import type { HistoryBounds } from '../lib/traffic/history-entry.ts';
import type { TrafficKeys } from '../lib/traffic/keys.ts';
import type { StoreClient } from '../prisma/db.ts';
import { startLiveServer, type LiveTestServer } from './live.ts';

/** Every key of an installation's counts with what it holds, to compare before and after (one server, not a cluster). */
export async function trafficContents(client: Redis, keys: TrafficKeys): Promise<Record<string, unknown>> {
  const contents: Record<string, unknown> = {};
  for (const key of (await scanAll(client, keys)).sort()) {
    const type = await client.type(key);
    if (type === 'hash') contents[key] = await client.hgetall(key);
    else if (type === 'zset') contents[key] = await client.zrange(key, 0, -1, 'WITHSCORES');
    else if (type === 'stream') contents[key] = await client.xrange(key, '-', '+');
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

export interface CountingInstanceOptions {
  target: BrokerTarget;
  catalogue: CatalogueSource;
  keys: TrafficKeys;
  /** Its instance id and its subscriber's connection name. */
  name: string;
  observePattern: string;
  leaseMs?: number;
  flushMs?: number;
  history?: HistoryBounds;
  queueOptions?: ClientQueueOptions;
  /** Captures recordings into this database too, and serves them (`recordings`), as server.ts wires them. */
  recordingsDb?: StoreClient;
}

/** One portal instance's live path: its own broker and subscriber connections, conformance monitor and bridge. */
export interface CountingInstance {
  name: string;
  monitor: ConformanceMonitor;
  live: LiveTestServer;
  /** With `recordingsDb`: its recordings, started, replayed and captured here. */
  recordings: Recordings | null;
  /** Stops as `npm start` does on SIGTERM: it sends what it counted and hands the lease on. */
  stop(): Promise<void>;
  /** Stops as a crash would: its connections go first, so nothing is sent and the lease is left to lapse. */
  kill(): Promise<void>;
  /**
   * Stops reading its subscriber connection, as a busy instance falls behind the stream, until the returned function is
   * called: what Redis sends meanwhile waits in the socket, and its lease attempts go on.
   */
  holdBack(): () => void;
}

/**
 * An instance counting traffic into `keys`, as server.ts wires one; start several to play several instances.
 * @example const a = await startCountingInstance({ target, catalogue, keys, name: 'a', observePattern: `${prefix}*` });
 */
export async function startCountingInstance(options: CountingInstanceOptions): Promise<CountingInstance> {
  const { target, catalogue, keys, name, observePattern, leaseMs, flushMs, history, queueOptions, recordingsDb } = options;
  const broker = connectBroker(target, { connectionName: `${name}-commands` });
  await once(broker.redis, 'ready');
  const subscriber = connectSubscriber(target, { connectionName: name });
  const db = recordingsDb;
  const capture = db
    ? startRecordingCapture({ db, subscriber: subscriber.redis, channel: keys.recordings, messageBytes: 16 * 1024 })
    : null;
  const recordings = db ? createRecordings({ db, broker, channel: keys.recordings }) : null;
  const monitor = await startConformanceMonitor(catalogue, {
    broker,
    subscriber: subscriber.redis,
    keys,
    instanceId: name,
    ...(leaseMs ? { leaseMs } : {}),
    ...(flushMs ? { flushMs } : {}),
    ...(history ? { history } : {}),
    ...(capture ? { capture } : {}),
  });
  const live = await startLiveServer({
    subscriber: subscriber.redis,
    observePattern,
    inspect: monitor.observe,
    recall: monitor.recall,
    ...(queueOptions ? { queueOptions } : {}),
  });
  return {
    name,
    monitor,
    live,
    recordings,
    async stop() {
      await recordings?.close();
      await capture?.stop();
      await monitor.stop();
      await live.stop();
      await subscriber.close();
      await broker.close();
    },
    async kill() {
      await broker.close();
      await subscriber.close();
      await live.stop();
      await recordings?.close();
      await capture?.stop();
      await monitor.stop();
    },
    holdBack() {
      const socket = subscriber.redis.stream;
      socket.pause();
      return () => void socket.resume();
    },
  };
}
