import { compileGlob } from '../live/glob.ts';
import { log } from '../log.ts';
import { throttledLog } from '../log-throttle.ts';
import { everyNode, type BrokerClient } from './redis.ts';

/** The name every portal instance gives its tail connection (connectSubscriber's default), which tells it apart. */
export const PORTAL_TAIL_NAME = 'event-portal-tail';

/** Pub/sub clients read from one node's CLIENT LIST at most; past it the rest are not the portal's. */
const MAX_CLIENTS_READ = 10_000;

/**
 * How long one count of the portal's tails answers for: they come and go with instances, rarely, while publishes may
 * come thousands a second (the eda API's POST /topics), and CLIENT LIST walks every client of every node.
 */
export const TAIL_COUNT_MAX_AGE_MS = 1_000;
const tailCounts = new WeakMap<BrokerClient, { at: number; count: Promise<number> }>();

const logListFailure = throttledLog((message, cause) => log.error(message, cause), 60_000);

/**
 * How many of a PUBLISH's receivers on `topic` are the portal's own observers: each instance's tail connection
 * (named PORTAL_TAIL_NAME, found in CLIENT LIST TYPE pubsub on every node) PSUBSCRIBEs OBSERVE_PATTERN, so it
 * receives every message that pattern matches once, and the live tail's patterns it covers add nothing. With
 * observing off (''), or a topic the pattern does not match, the portal is no receiver of its own. A node that
 * refuses CLIENT LIST (a renamed command, an ACL) counts none, so the count is then a lower bound. One count of the
 * tails serves every publish for `maxAgeMs`, concurrent ones included.
 * @example const { receivers } = await publishTestEvent(broker, topic, payload);
 *   const besides = receivers - (await countPortalReceivers(broker.redis, '*', topic));
 */
export async function countPortalReceivers(
  redis: BrokerClient,
  observePattern: string,
  topic: string,
  maxAgeMs = TAIL_COUNT_MAX_AGE_MS,
): Promise<number> {
  if (observePattern === '' || !compileGlob(observePattern)(topic)) return 0;
  const now = Date.now();
  const cached = tailCounts.get(redis);
  if (cached && now - cached.at < maxAgeMs) return cached.count;
  const count = countTails(redis);
  tailCounts.set(redis, { at: now, count });
  return count;
}

/** The portal tails on every node; a node that refuses CLIENT LIST counts none, so this never rejects. */
async function countTails(redis: BrokerClient): Promise<number> {
  const perNode = await Promise.all(
    everyNode(redis).map((node) =>
      node.client('LIST', 'TYPE', 'PUBSUB').then(
        (list) => portalTails(String(list)),
        (error: unknown) => {
          logListFailure('CLIENT LIST failed, so the portal cannot tell its own subscribers apart', error);
          return 0;
        },
      ),
    ),
  );
  return perNode.reduce((sum, count) => sum + count, 0);
}

/** The lines of a CLIENT LIST naming a portal tail with a pattern subscription. */
function portalTails(list: string): number {
  let count = 0;
  let start = 0;
  for (let read = 0; read < MAX_CLIENTS_READ && start < list.length; read++) {
    const end = list.indexOf('\n', start);
    const line = list.slice(start, end === -1 ? list.length : end);
    start = end === -1 ? list.length : end + 1;
    if (line.includes(` name=${PORTAL_TAIL_NAME} `) && !line.includes(' psub=0 ')) count++;
  }
  return count;
}
