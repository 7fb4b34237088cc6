/**
 * `npm run worker`: processes the deferred-execution queue. Each event is logged, "executed" after a delay,
 * then acknowledged; an event whose worker died is picked up again by the next worker.
 *   npm run worker -- --delay 1000 --reclaim-after 30000 --name worker-1
 */
import { hostname } from 'node:os';
import { parseArgs } from 'node:util';
import { acknowledgeDeferred, adoptOldProcessedList, claimNextDeferred } from '../lib/broker/deferred-queue.ts';
import { connectBroker } from '../lib/broker/redis.ts';
import { brokerTarget, readEnv } from '../lib/env.ts';

const { values } = parseArgs({
  options: {
    delay: { type: 'string', default: '1000' },
    'reclaim-after': { type: 'string', default: '30000' },
    name: { type: 'string', default: `${hostname()}-${process.pid}` },
  },
});
const delayMs = Number(values.delay);
const reclaimAfterMs = Number(values['reclaim-after']);
if (!Number.isFinite(delayMs) || delayMs < 0 || !Number.isFinite(reclaimAfterMs) || reclaimAfterMs < 0) {
  console.error('--delay and --reclaim-after take a number of milliseconds, e.g. --delay 1000');
  process.exit(2);
}

// Commands wait for Redis (one server or a cluster) through an outage instead of failing.
const connection = connectBroker(brokerTarget(readEnv()), { connectionName: `event-portal-worker:${values.name}`, queueWhileDown: true });
const { redis } = connection;
// A worker upgraded before the portal moves the processed list too, so the old one is not left behind.
adoptOldProcessedList(connection, (message, cause) => console.error(message, cause));
let unreachable = false;
redis.on('error', (error: Error) => {
  if (!unreachable) console.error(`Redis is unreachable (${error.message}); waiting for it`);
  unreachable = true;
});
redis.on('ready', () => {
  if (unreachable) console.log('Redis is back');
  unreachable = false;
});
let running = true;
// The first signal lets the current event finish; while Redis is down, or at a second signal, the worker stops at
// once (an event it had claimed stays pending and is claimed again by the next worker).
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, () => {
    if (running && !unreachable) return void (running = false);
    redis.disconnect();
    process.exit(0);
  });
}

console.log(`Worker ${values.name} waiting for deferred events (delay ${delayMs} ms)`);
const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));
while (running) {
  try {
    const event = await claimNextDeferred(redis, values.name, { blockMs: 1_000, reclaimAfterMs });
    if (!event) continue;
    console.log(`Processing deferred event ${event.id}: ${event.body}`);
    await sleep(delayMs);
    await acknowledgeDeferred(redis, event, values.name);
    console.log(`Processed deferred event ${event.id}`);
  } catch (error) {
    // An unacknowledged event stays pending and is claimed again, by this worker or another.
    console.error(`Redis command failed (${(error as Error).message}); retrying in 1 s`);
    await sleep(1_000);
  }
}
redis.disconnect();
