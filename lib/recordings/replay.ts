import type { StoreClient } from '../../prisma/db.ts';
import { recordedMessages } from '../../prisma/store/recordings.ts';
import type { ReplaySpeed } from '../validations/recordings.ts';
import { TopicSchema } from '../validations/publish.ts';
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
  /** This run's id, on the row while it is the recording's replay: every write of its progress is conditional on it. */
  runId: string;
  speed: ReplaySpeed;
  topicPrefix: string;
  signal: AbortSignal;
  /** As STALE_REPLAY_MS: a recorded gap is waited in steps of a third of it, writing the progress between two. */
  staleMs?: number;
}

/** Whether `/api/publish` would publish on `topic` (TopicSchema): a replay publishes nowhere it would refuse. */
export const publishableTopic = (topic: string): boolean => TopicSchema.safeParse(topic).success;

/**
 * PUBLISHes a recording's messages again in order on `topicPrefix + channel`, waiting the original gap between two
 * divided by `speed` (none at `max`), and keeps its progress on the row; a message whose topic `/api/publish` would
 * refuse is skipped, and counted. Ends `finished`, `cancelled` (here or on any instance: the row says so, or another
 * run took it over) or `failed` (Redis went away); never throws.
 * @example void runReplay({ db, redis, id, runId, speed: '10', topicPrefix: 'replay.', signal });
 */
export async function runReplay(run: ReplayRun): Promise<void> {
  const { db, id, runId, signal } = run;
  const mine = { id, replayRunId: runId, replayState: 'running' };
  const progress = { sent: 0, skipped: 0 };
  let reportedAt = performance.now();
  const report = async (): Promise<boolean> => {
    reportedAt = performance.now();
    const { count } = await db.recording.updateMany({
      where: mine,
      data: { replaySent: progress.sent, replaySkipped: progress.skipped, replayUpdatedAt: new Date() },
    });
    return count === 1;
  };
  let outcome: 'finished' | 'cancelled' | 'failed';
  try {
    outcome = await publishAll(
      run,
      progress,
      async (force) => (!force && performance.now() - reportedAt < PROGRESS_MS) || (await report()),
    );
  } catch (error) {
    outcome = signal.aborted ? 'cancelled' : 'failed';
    if (outcome === 'failed')
      log.warn(`the replay of recording ${id} stopped after ${progress.sent} messages: ${(error as Error).message}`);
  }
  await db.recording
    .updateMany({
      where: mine,
      data: { replayState: outcome, replaySent: progress.sent, replaySkipped: progress.skipped, replayUpdatedAt: new Date() },
    })
    .catch(() => {});
}

/**
 * Publishes every message in order, counting each sent or skipped in `progress`; `going(force)` after each message,
 * and between the steps of a long wait (forced: a heartbeat), answers whether to go on (false: cancelled elsewhere).
 */
async function publishAll(
  run: ReplayRun,
  progress: { sent: number; skipped: number },
  going: (force: boolean) => Promise<boolean>,
): Promise<'finished' | 'cancelled'> {
  const { db, id, signal } = run;
  const step = Math.max(1, Math.floor((run.staleMs ?? STALE_REPLAY_MS) / 3));
  let previous: number | null = null;
  for (let after = -1; ;) {
    const page = await recordedMessages(db, id, after, PAGE);
    if (page.length === 0) return 'finished';
    for (const message of page) {
      const at = message.receivedAt.getTime();
      if (previous !== null && run.speed !== 'max') {
        // A long gap is waited in steps, each followed by a progress write, so the run never looks dead while it waits.
        for (let left = (at - previous) / Number(run.speed); left > 0 && !signal.aborted; left -= step) {
          await pause(Math.min(left, step), signal);
          if (left > step && !signal.aborted && !(await going(true))) return 'cancelled';
        }
      }
      previous = at;
      if (signal.aborted) return 'cancelled';
      const topic = `${run.topicPrefix}${message.channel}`;
      // Never where /api/publish would refuse: `master`, the portal's own channels, whatever a prefix makes of a name.
      if (publishableTopic(topic)) {
        await run.redis.publish(topic, Buffer.from(message.payload));
        progress.sent += 1;
      } else progress.skipped += 1;
      if (!(await going(false))) return 'cancelled';
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
