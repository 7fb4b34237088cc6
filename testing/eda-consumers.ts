import { Redis } from 'ioredis';
import { EDA_MASTER_CHANNEL, EDA_QUEUE_LIST } from '../lib/broker/eda-queue.ts';

/** How often `eda consumer -d` pops the list. */
export const EDA_WORKER_INTERVAL_MS = 10_000;

export interface RunningConsumer {
  stop(): Promise<void>;
}

/**
 * The text go-redis gives a received message (`(*redis.Message).String()`: `fmt.Sprintf("Message<%s: %s>", Channel, Payload)`),
 * byte for byte: the payload is not escaped, so a binary body stays as it was sent.
 * @example goRedisMessage('master', Buffer.from('hi')).toString() // 'Message<master: hi>'
 */
export function goRedisMessage(channel: string, payload: Buffer): Buffer {
  return Buffer.concat([Buffer.from(`Message<${channel}: `), payload, Buffer.from('>')]);
}

/**
 * `eda consumer -d --master` re-implemented: SUBSCRIBE `master` and LPUSH each message it receives, as go-redis
 * prints it, onto the list `message:queue`. Resolves once subscribed.
 * @example const master = await startMasterConsumer(redisUrl); … await master.stop();
 */
export async function startMasterConsumer(url: string): Promise<RunningConsumer> {
  const subscriber = new Redis(url);
  const commands = new Redis(url);
  const pushes = new Set<Promise<unknown>>();
  subscriber.on('messageBuffer', (channel: Buffer, payload: Buffer) => {
    const push = commands.lpush(EDA_QUEUE_LIST, goRedisMessage(channel.toString(), payload)).finally(() => pushes.delete(push));
    pushes.add(push);
  });
  await subscriber.subscribe(EDA_MASTER_CHANNEL);
  return {
    async stop() {
      subscriber.disconnect();
      await Promise.allSettled([...pushes]);
      commands.disconnect();
    },
  };
}

/**
 * `eda consumer -d` re-implemented: every `intervalMs` (10 s in the CLI) one RPOP of `message:queue`, the oldest item,
 * handed to `onItem`; an empty list hands nothing.
 * @example const worker = startDeferredWorker(redisUrl, { onItem: (item) => console.log(item.toString()) });
 */
export function startDeferredWorker(
  url: string,
  { intervalMs = EDA_WORKER_INTERVAL_MS, onItem }: { intervalMs?: number; onItem: (item: Buffer) => void },
): RunningConsumer {
  const redis = new Redis(url);
  let popping: Promise<void> = Promise.resolve();
  const timer = setInterval(() => {
    popping = redis.rpopBuffer(EDA_QUEUE_LIST).then(
      (item) => {
        if (item) onItem(item);
      },
      () => undefined,
    );
  }, intervalMs);
  return {
    async stop() {
      clearInterval(timer);
      await popping;
      redis.disconnect();
    },
  };
}
