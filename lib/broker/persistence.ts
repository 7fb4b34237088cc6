import { ReplyError, type Redis } from 'ioredis';
import { everyNode, type BrokerClient, type BrokerConnection } from './redis.ts';

/** Whether Redis keeps the deferred queue across a restart, as `GET /api/queue` reports it. */
export interface PersistenceState {
  /** `appendonly` is on (true), off (false), or Redis refused to say (null, as some managed services do). */
  aof: boolean | null;
  /** What to do about it; absent when AOF is on. */
  warning?: string;
}

export const AOF_OFF_WARNING =
  'Redis runs without AOF (appendonly no): every queued deferred event is lost when Redis restarts. ' +
  'Turn it on with `appendonly yes` in redis.conf (or CONFIG SET appendonly yes and CONFIG REWRITE).';
export const AOF_UNKNOWN_WARNING =
  'The portal could not tell whether Redis persists its data (CONFIG GET and INFO persistence were both refused): ' +
  'unless `appendonly yes` is set, every queued deferred event is lost when Redis restarts.';

/**
 * Reads whether AOF is on: CONFIG GET appendonly, else INFO persistence (managed services often refuse CONFIG).
 * A Redis that refuses both is reported as unknown; a connection that fails meanwhile rejects, since that says
 * nothing about persistence. On a cluster every node is asked, replicas too (one may take its master's place):
 * off when one is off, else unknown when one will not say.
 * @example const { aof, warning } = await readPersistence(redis);
 */
export async function readPersistence(redis: BrokerClient): Promise<PersistenceState> {
  const answers = await Promise.all(everyNode(redis).map(async (node) => (await fromConfig(node)) ?? (await fromInfo(node))));
  const aof = answers.includes(false) ? false : answers.includes(null) ? null : true;
  if (aof === true) return { aof };
  return { aof, warning: aof === false ? AOF_OFF_WARNING : AOF_UNKNOWN_WARNING };
}

async function fromConfig(redis: Redis): Promise<boolean | null> {
  try {
    const [, value] = (await redis.config('GET', 'appendonly')) as string[];
    return value === undefined ? null : value === 'yes';
  } catch (error) {
    return refused(error);
  }
}

async function fromInfo(redis: Redis): Promise<boolean | null> {
  try {
    const found = /^aof_enabled:(\d)/m.exec(await redis.info('persistence'));
    return found ? found[1] === '1' : null;
  } catch (error) {
    return refused(error);
  }
}

/** Unknown when Redis answered with an error (the command is renamed or not permitted); anything else is rethrown. */
function refused(error: unknown): null {
  if (error instanceof ReplyError) return null;
  throw error;
}

/**
 * Logs the persistence warning once, the first time the connection is ready and Redis is not known to use AOF:
 * the deferred queue promises to lose nothing, which holds only across Redis restarts with AOF on.
 */
export function warnUnlessPersistent(connection: BrokerConnection, warn: (message: string) => void): void {
  let warned = false;
  const check = (): void =>
    // A connection lost meanwhile answers nothing about persistence: the next 'ready' asks again.
    void readPersistence(connection.redis).then(
      ({ warning }) => {
        if (!warning || warned) return;
        warned = true;
        warn(warning);
      },
      () => undefined,
    );
  if (connection.state() === 'ready') check();
  connection.redis.on('ready', check);
}
