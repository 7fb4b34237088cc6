import type { PersistenceState } from './persistence.ts';
import type { BrokerClient } from './redis.ts';
import { redisScript } from './script.ts';

/** The channel the `eda` CLI's deferred path publishes on, and its master consumer subscribes to. */
export const EDA_MASTER_CHANNEL = 'master';
/** The list `eda consumer -d --master` LPUSHes each message onto, and `eda consumer -d` RPOPs. */
export const EDA_QUEUE_LIST = 'message:queue';
/** Items of the list shown, newest first (LPUSH puts them at its head). */
export const EDA_ITEMS_SHOWN = 50;
/** Characters of each item shown: an item holds a whole deferred body, up to 1 MB. */
export const EDA_ITEM_PREVIEW = 200;

export interface EdaQueueItem {
  /** Its first EDA_ITEM_PREVIEW bytes, as text: `Message<master: …>` as the master consumer wrote it. */
  body: string;
  /** The item's length in bytes. */
  size: number;
  truncated: boolean;
}

/** What `GET /api/queue` and `/queue` show with DEFERRED_MODE=eda: the list `message:queue`. */
export interface EdaQueueReport {
  mode: 'eda';
  list: typeof EDA_QUEUE_LIST;
  /** Items waiting for `eda consumer -d` (LLEN). */
  length: number;
  /** The newest EDA_ITEMS_SHOWN, newest first, each cut to EDA_ITEM_PREVIEW bytes in Redis. */
  items: EdaQueueItem[];
  persistence: PersistenceState;
}

// LRANGE, bounded in count and, by cutting each item in Redis, in the bytes sent back: 50 items of 1 MB would be 50 MB.
const READ_LIST = redisScript(`
local items = redis.call('LRANGE', KEYS[1], 0, tonumber(ARGV[1]) - 1)
local out = { redis.call('LLEN', KEYS[1]) }
for _, item in ipairs(items) do
  out[#out + 1] = string.sub(item, 1, tonumber(ARGV[2]))
  out[#out + 1] = #item
end
return out
`);

/**
 * Defers `body` as the `eda` CLI did: PUBLISH on `master`, for `eda consumer -d --master` to queue; answers its receivers.
 * @example await publishOnMaster(broker.redis, Buffer.from('hello'));
 */
export function publishOnMaster(redis: BrokerClient, body: string | Buffer): Promise<number> {
  return redis.publish(EDA_MASTER_CHANNEL, body);
}

/**
 * The list `message:queue`: its length and newest items, bounded (see READ_LIST).
 * @example const { length, items } = await readEdaQueue(broker.redis);
 */
export async function readEdaQueue(redis: BrokerClient): Promise<Omit<EdaQueueReport, 'persistence'>> {
  const reply = (await READ_LIST.run(redis, [EDA_QUEUE_LIST], [EDA_ITEMS_SHOWN, EDA_ITEM_PREVIEW])) as (string | number)[];
  const items: EdaQueueItem[] = [];
  for (let i = 1; i + 1 < reply.length; i += 2) {
    const size = Number(reply[i + 1]);
    items.push({ body: String(reply[i]), size, truncated: size > EDA_ITEM_PREVIEW });
  }
  return { mode: 'eda', list: EDA_QUEUE_LIST, length: Number(reply[0] ?? 0), items };
}
