import { BrokerUnavailableError, PayloadTooLargeError, PublishInputError } from '../errors.ts';
import type { BrokerConnection } from './redis.ts';

export const MAX_TOPIC_LENGTH = 1024;
export const MAX_PAYLOAD_BYTES = 1024 * 1024;

/** Why a topic cannot be published to, or null when it can. */
export function topicProblem(topic: unknown): string | null {
  if (typeof topic !== 'string' || topic.length === 0) return 'The topic is empty: name the Redis channel to publish to.';
  if (topic.length > MAX_TOPIC_LENGTH) return `The topic is ${topic.length} characters; the limit is ${MAX_TOPIC_LENGTH}.`;
  if (/[\u0000-\u001f\u007f]/.test(topic)) return 'The topic contains control characters; use printable characters only.';
  return null;
}

/** Throws a PublishInputError for a topic, or a PayloadTooLargeError for a payload, that cannot be published. */
export function assertPublishable(topic: unknown, payload: string | Buffer): asserts topic is string {
  const problem = topicProblem(topic);
  if (problem) throw new PublishInputError(problem);
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
