import type { StoreClient } from '../../prisma/db.ts';
import { recordedMessages } from '../../prisma/store/recordings.ts';
import { isPortalChannel } from '../common/portal-channels.ts';
import type { ReplaySpeed } from '../validations/recordings.ts';
import type { BrokerClient } from '../broker/redis.ts';
import { log } from '../log.ts';

/** Messages read from the database at a time. */
const PAGE = 500;
/** How often a running replay writes its progress, and looks whether it was cancelled on another instance. */
export const PROGRESS_MS = 250;
/** A running replay whose progress is older than this died with its instance: another may start. */
export const STALE_REPLAY_MS = 15_000;

export interface ReplayRun {
  db: StoreClient;
  redis: BrokerClient;
  id: string;
  speed: ReplaySpeed;
  topicPrefix: string;
  signal: AbortSignal;
}

/**
 * PUBLISHes a recording's messages again in order on `topicPrefix + channel`, waiting the original gap between two
 * divided by `speed` (none at `max`), and keeps its progress on the row. Ends `finished`, `cancelled` (here or on any
 * instance: the row says so) or `failed` (Redis went away); never throws.
 * @example void runReplay({ db, redis, id, speed: '10', topicPrefix: 'replay.', signal });
 */
export async function runReplay(run: ReplayRun): Promise<void> {
  const { db, id, signal } = run;
  let sent = 0;
  let reportedAt = performance.now();
  const report = async (): Promise<boolean> => {
    reportedAt = performance.now();
    const { count } = await db.recording.updateMany({
      where: { id, replayState: 'running' },
      data: { replaySent: sent, replayUpdatedAt: new Date() },
    });
    return count === 1;
  };
  let outcome: 'finished' | 'cancelled' | 'failed';
  try {
    outcome = await publishAll(run, async (count) => {
      sent = count;
      return performance.now() - reportedAt < PROGRESS_MS || (await report());
    });
  } catch (error) {
    outcome = signal.aborted ? 'cancelled' : 'failed';
    if (outcome === 'failed') log.warn(`the replay of recording ${id} stopped after ${sent} messages: ${(error as Error).message}`);
  }
  await db.recording
    .updateMany({ where: { id, replayState: 'running' }, data: { replayState: outcome, replaySent: sent, replayUpdatedAt: new Date() } })
    .catch(() => {});
}

/** Publishes every message in order; `sent(count)` after each answers whether to go on (false: cancelled elsewhere). */
async function publishAll(run: ReplayRun, sent: (count: number) => Promise<boolean>): Promise<'finished' | 'cancelled'> {
  const { db, id, signal } = run;
  let previous: number | null = null;
  let count = 0;
  for (let after = -1; ;) {
    const page = await recordedMessages(db, id, after, PAGE);
    if (page.length === 0) return 'finished';
    for (const message of page) {
      const at = message.receivedAt.getTime();
      if (previous !== null && run.speed !== 'max') await pause((at - previous) / Number(run.speed), signal);
      previous = at;
      if (signal.aborted) return 'cancelled';
      const topic = `${run.topicPrefix}${message.channel}`;
      // The portal's own channels are never written to, whatever a prefix makes of a name.
      if (!isPortalChannel(topic)) await run.redis.publish(topic, Buffer.from(message.payload));
      if (!(await sent(++count))) return 'cancelled';
    }
    after = page.at(-1)!.seq;
  }
}

/** Waits `ms`, or less when `signal` aborts. */
function pause(ms: number, signal: AbortSignal): Promise<void> {
  if (ms <= 0 || signal.aborted) return Promise.resolve();
  return new Promise((resolve) => {
    const done = (): void => {
      clearTimeout(timer);
      signal.removeEventListener('abort', done);
      resolve();
    };
    const timer = setTimeout(done, ms);
    signal.addEventListener('abort', done, { once: true });
  });
}
