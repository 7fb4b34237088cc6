import type { Redis } from 'ioredis';

/** SUBSCRIBE clients of each channel on one node (PUBSUB NUMSUB), in order; on a cluster the count is that node's own. */
export async function numsubOn(node: Redis, channels: string[]): Promise<number[]> {
  const reply = await node.pubsub('NUMSUB', ...channels);
  return channels.map((_, i) => Number(reply[i * 2 + 1] ?? 0));
}
