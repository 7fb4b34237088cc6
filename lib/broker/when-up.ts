import { BrokerUnavailableError } from '../errors.ts';
import type { BrokerConnection } from './redis.ts';

/**
 * Runs `action` on `connection`, failing fast with a BrokerUnavailableError (a 503) while Redis is down.
 * @example await whenBrokerUp(broker, () => deferredQueueStats(broker.redis));
 */
export async function whenBrokerUp<T>(connection: Pick<BrokerConnection, 'state' | 'lastError'>, action: () => Promise<T>): Promise<T> {
  if (connection.state() !== 'ready') throw new BrokerUnavailableError(connection.lastError() ?? undefined);
  try {
    return await action();
  } catch (error) {
    // An outcome in doubt says more than "unavailable": the event may be queued, so it must not be sent again blindly.
    if (error instanceof Error && error.name === 'DeferredOutcomeUnknownError') throw error;
    if (connection.state() !== 'ready') throw new BrokerUnavailableError((error as Error).message);
    throw error;
  }
}
