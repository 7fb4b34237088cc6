import { TopicSchema } from '../validations/publish.ts';
import { BrokerUnavailableError, PayloadTooLargeError, PublishInputError } from '../errors.ts';
import type { BrokerConnection } from './redis.ts';

export const MAX_PAYLOAD_BYTES = 1024 * 1024;

/** Throws a PublishInputError for a topic, or a PayloadTooLargeError for a payload, that cannot be published. */
export function assertPublishable(topic: unknown, payload: string | Buffer): asserts topic is string {
  const topicCheck = TopicSchema.safeParse(topic);
  if (!topicCheck.success) throw new PublishInputError(topicCheck.error.issues[0]?.message ?? 'The topic cannot be published to.');
  const bytes = Buffer.byteLength(payload);
  if (bytes > MAX_PAYLOAD_BYTES) throw new PayloadTooLargeError(`The payload is ${bytes} bytes; the limit is ${MAX_PAYLOAD_BYTES} (1 MB).`);
}

/**
 * PUBLISHes `payload` verbatim on `topic`; answers how many subscribers received it.
 * @example const { receivers } = await publishTestEvent(broker, 'orderCreated', '{"orderId":"o-1"}');
 */
export async function publishTestEvent(broker: BrokerConnection, topic: unknown, payload: string | Buffer): Promise<{ receivers: number }> {
  assertPublishable(topic, payload);
  if (broker.state() !== 'ready') throw new BrokerUnavailableError(broker.lastError() ?? undefined);
  try {
    return { receivers: await broker.redis.publish(topic, payload) };
  } catch (error) {
    throw new BrokerUnavailableError((error as Error).message);
  }
}
