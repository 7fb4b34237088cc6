import type { DeferredMode } from '../env.ts';
import type { Broker } from '../services.ts';
import { deferredQueueStats, enqueueDeferred, nextDeferredId, withdrawDeferred } from './deferred-queue.ts';
import { publishOnMaster, readEdaQueue } from './eda-queue.ts';
import { subscriberCounter } from '../drift/subscribers.ts';
import { readPersistence } from './persistence.ts';
import { publishTestEvent } from './publish.ts';
import type { BrokerConnection } from './redis.ts';
import { whenBrokerUp } from './when-up.ts';

/**
 * The broker operations the routes use, each failing fast with a BrokerUnavailableError while Redis is down;
 * `observePattern` is what the portal's tail observes (OBSERVE_PATTERN), so a publish can leave it out of its receivers;
 * `deferredMode` is DEFERRED_MODE.
 */
export function createBrokerService(
  connection: BrokerConnection,
  { observePattern = '*', deferredMode = 'stream' }: { observePattern?: string; deferredMode?: DeferredMode } = {},
): Broker {
  const whenUp = <T>(action: () => Promise<T>): Promise<T> => whenBrokerUp(connection, action);
  return {
    state: connection.state,
    publish: (topic, payload) => publishTestEvent(connection, topic, payload, observePattern),
    nextDeferredId: () => whenUp(() => nextDeferredId(connection.redis)),
    deferExecution: (body, id) => whenUp(() => enqueueDeferred(connection.redis, body, id)),
    withdrawDeferred: (id) => whenUp(() => withdrawDeferred(connection.redis, id)),
    queueStats: () =>
      whenUp(async () => {
        const [stats, persistence] = await Promise.all([deferredQueueStats(connection.redis), readPersistence(connection.redis)]);
        return { ...stats, persistence };
      }),
    subscriberCounts: (channels) => whenUp(() => subscriberCounter(connection.redis)(channels)),
    deferredMode,
    deferOnMaster: (body) => whenUp(() => publishOnMaster(connection.redis, body)),
    edaQueue: () =>
      whenUp(async () => {
        const [queue, persistence] = await Promise.all([readEdaQueue(connection.redis), readPersistence(connection.redis)]);
        return { ...queue, persistence };
      }),
  };
}
