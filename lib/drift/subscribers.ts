import type { BrokerClient } from '../broker/redis.ts';
import type { SubscriberCounter } from './report.ts';

/** Counts each channel's SUBSCRIBE clients with one PUBSUB NUMSUB. */
export function subscriberCounter(redis: BrokerClient): SubscriberCounter {
  return async (channels) => {
    const reply = await redis.pubsub('NUMSUB', ...channels);
    return channels.map((_, i) => Number(reply[i * 2 + 1] ?? 0));
  };
}
