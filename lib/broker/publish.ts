import { Cluster } from 'ioredis';
import { TopicSchema } from '../validations/publish.ts';
import { BrokerUnavailableError, PayloadTooLargeError, PublishInputError } from '../errors.ts';
import { numsubOn } from './numsub.ts';
import { countPortalReceivers } from './portal-receivers.ts';
import { everyNode, type BrokerClient, type BrokerConnection } from './redis.ts';

export const MAX_PAYLOAD_BYTES = 1024 * 1024;

/** Throws a PublishInputError for a topic, or a PayloadTooLargeError for a payload, that cannot be published. */
export function assertPublishable(topic: unknown, payload: string | Buffer): asserts topic is string {
  const topicCheck = TopicSchema.safeParse(topic);
  if (!topicCheck.success) throw new PublishInputError(topicCheck.error.issues[0]?.message ?? 'The topic cannot be published to.');
  const bytes = Buffer.byteLength(payload);
  if (bytes > MAX_PAYLOAD_BYTES) throw new PayloadTooLargeError(`The payload is ${bytes} bytes; the limit is ${MAX_PAYLOAD_BYTES} (1 MB).`);
}

/** How many subscribers received a message, and how many of them are not the portal's own observers. */
export interface PublishReceipt {
  receivers: number;
  receiversBesidesPortal: number;
}

/**
 * PUBLISHes `payload` verbatim on `topic`; answers how many subscribers received it (on a cluster, see publishOnCluster)
 * and how many besides the portal's own tail connections observing `observePattern` (see countPortalReceivers).
 * @example const { receivers, receiversBesidesPortal } = await publishTestEvent(broker, 'orderCreated', '{"orderId":"o-1"}');
 */
export async function publishTestEvent(
  broker: BrokerConnection,
  topic: unknown,
  payload: string | Buffer,
  observePattern = '*',
): Promise<PublishReceipt> {
  assertPublishable(topic, payload);
  if (broker.state() !== 'ready') throw new BrokerUnavailableError(broker.lastError() ?? undefined);
  let receivers: number;
  try {
    receivers = await publish(broker.redis, topic, payload);
  } catch (error) {
    throw new BrokerUnavailableError((error as Error).message);
  }
  // Counted after the message went out: a failure to count must not turn a delivered message into an error.
  const portal = await countPortalReceivers(broker.redis, observePattern, topic).catch(() => 0);
  return { receivers, receiversBesidesPortal: Math.max(0, receivers - portal) };
}

function publish(redis: BrokerClient, topic: string, payload: string | Buffer): Promise<number> {
  return redis instanceof Cluster ? publishOnCluster(redis, topic, payload) : redis.publish(topic, payload);
}

/**
 * The cluster bus carries a PUBLISH to every node, but its reply counts the receivers of the node it was sent
 * to only, and Redis names no node's patterns. So it goes through the node holding the most patterns (PUBSUB
 * NUMPAT, node-local), whose reply counts its pattern and plain subscribers, and every other node's plain
 * SUBSCRIBE clients are added (PUBSUB NUMSUB). Exact while the pattern subscribers sit on one node, as the tail
 * connections of portals sharing REDIS_CLUSTER_NODES do (see rotatingConnector); a lower bound otherwise.
 * A node that does not answer is left out, rather than fail a message that was delivered.
 */
async function publishOnCluster(cluster: Cluster, topic: string, payload: string | Buffer): Promise<number> {
  const nodes = everyNode(cluster);
  const patterns = await Promise.all(nodes.map((node) => node.pubsub('NUMPAT').then(Number, () => -1)));
  const best = patterns.indexOf(Math.max(...patterns));
  const via = patterns[best]! >= 0 ? nodes[best]! : everyNode(cluster, 'master')[0]!;
  const here = await via.publish(topic, payload);
  const others = nodes.filter((node, i) => node !== via && patterns[i]! >= 0);
  const elsewhere = await Promise.all(
    others.map((node) =>
      numsubOn(node, [topic]).then(
        ([count]) => count ?? 0,
        () => 0,
      ),
    ),
  );
  return elsewhere.reduce((sum, count) => sum + count, here);
}
