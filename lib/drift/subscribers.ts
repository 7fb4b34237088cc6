import { numsubOn } from '../broker/numsub.ts';
import { everyNode, type BrokerClient } from '../broker/redis.ts';
import type { SubscriberCounter } from './report.ts';

/**
 * Counts each channel's SUBSCRIBE clients with PUBSUB NUMSUB. On a Redis Cluster NUMSUB answers for its own
 * node only, so every node is asked (replicas too: a subscriber may sit on any node) and the answers summed.
 */
export function subscriberCounter(redis: BrokerClient): SubscriberCounter {
  return async (channels) => {
    const perNode = await Promise.all(everyNode(redis).map((node) => numsubOn(node, channels)));
    return channels.map((_, i) => perNode.reduce((sum, counts) => sum + (counts[i] ?? 0), 0));
  };
}
