import { randomUUID } from 'node:crypto';
import type { StoreClient } from '../../prisma/db.ts';
import {
  findRecording,
  listRecordings,
  recordedMessages,
  type RecordedMessageRow,
  type StoredRecording,
} from '../../prisma/store/recordings.ts';
import { recordAudit } from '../audit/record.ts';
import type { AuditContext } from '../audit/types.ts';
import type { BrokerConnection } from '../broker/redis.ts';
import { BrokerUnavailableError, PublishInputError, RecordingNotFoundError, RecordingStateError } from '../errors.ts';
import { log } from '../log.ts';
import { TopicSchema } from '../validations/publish.ts';
import type { ReplayInput, ReplaySpeed, StartRecordingInput } from '../validations/recordings.ts';
import { encodeNotice, type RecordingNotice } from './notice.ts';
import { runReplay, STALE_REPLAY_MS } from './replay.ts';

/** The most recordings `list` answers, newest first. */
export const MAX_LISTED_RECORDINGS = 200;
/** The most recordings that run at once, all instances together: each is matched against every message the tail hears. */
export const MAX_RUNNING_RECORDINGS = 20;

/** Recordings as the routes use them (README "Recordings"). */
export interface Recordings {
  start(input: StartRecordingInput, context: AuditContext): Promise<{ id: string }>;
  stop(id: string, context: AuditContext): Promise<StoredRecording>;
  list(): Promise<StoredRecording[]>;
  get(id: string): Promise<StoredRecording>;
  /** Up to `limit` of its messages after `afterSeq`, in order; a RecordingNotFoundError for an unknown id. */
  messages(id: string, afterSeq: number, limit: number): Promise<RecordedMessageRow[]>;
  /** Starts publishing it again, in the background; a BrokerUnavailableError while Redis is down. */
  replay(id: string, input: ReplayInput, context: AuditContext): Promise<StoredRecording>;
  cancelReplay(id: string, context: AuditContext): Promise<StoredRecording>;
  /** Cancels this instance's replays and waits for them to end. */
  close(): Promise<void>;
}

export interface RecordingsOptions {
  db: StoreClient;
  broker: Pick<BrokerConnection, 'redis' | 'state' | 'lastError'>;
  /** The recordings channel (TrafficKeys['recordings']), heard by the instance that captures. */
  channel: string;
  /** As STALE_REPLAY_MS (tests shorten it): a running replay silent for longer may be taken over. */
  staleReplayMs?: number;
}

/**
 * Starts, stops, lists and replays recordings: each state change and its audit entry in one transaction, then told to
 * the capturing instance on the recordings channel (lib/recordings/capture.ts).
 * @example const recordings = createRecordings({ db, broker, channel: keys.recordings });
 */
export function createRecordings({ db, broker, channel, staleReplayMs = STALE_REPLAY_MS }: RecordingsOptions): Recordings {
  const running = new Map<string, { runId: string; controller: AbortController; done: Promise<void> }>();
  const notify = (notice: RecordingNotice): Promise<unknown> => broker.redis.publish(channel, encodeNotice(notice));
  const found = async (id: string): Promise<StoredRecording> => {
    const recording = await findRecording(db, id);
    if (!recording) throw new RecordingNotFoundError(id);
    return recording;
  };

  return {
    async start(input, context) {
      if (broker.state() !== 'ready') throw new BrokerUnavailableError(broker.lastError() ?? undefined);
      const id = randomUUID();
      const row = await db.$transaction(async (tx) => {
        // Two starts at once each count the other's row only once it committed: one at a time, they count right.
        await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext('recording.start'))`;
        const runningNow = await tx.recording.count({ where: { state: 'recording' } });
        if (runningNow >= MAX_RUNNING_RECORDINGS)
          throw new RecordingStateError(
            `${runningNow} recordings are running already, the most at once: stop one (POST /api/recordings/:id/stop) first.`,
            'recording',
          );
        const created = await tx.recording.create({
          data: { id, ...input, createdById: context.actor.id, createdByName: context.actor.name },
        });
        await recordAudit(tx, { ...context, action: 'recording.start', target: `recording:${id}`, detail: input });
        return created;
      });
      const deadline = row.startedAt.getTime() + input.maxSeconds * 1000;
      // The recording exists once committed: the capturing instance reads it from the database within seconds anyway.
      await notify({ op: 'start', id, patterns: input.patterns, maxMessages: input.maxMessages, deadline }).catch((error: unknown) =>
        log.warn(`could not announce recording ${id} on Redis; it is picked up from the database: ${(error as Error).message}`),
      );
      return { id };
    },
    async stop(id, context) {
      const stopped = await db.$transaction(async (tx) => {
        const { count } = await tx.recording.updateMany({
          where: { id, state: 'recording' },
          data: { state: 'stopped', stopReason: 'stopped', stoppedAt: new Date() },
        });
        const recording = await findRecording(tx, id);
        if (!recording) throw new RecordingNotFoundError(id);
        if (count === 1)
          await recordAudit(tx, {
            ...context,
            action: 'recording.stop',
            target: `recording:${id}`,
            detail: { name: recording.name, reason: 'stopped', messages: recording.messages },
          });
        return recording;
      });
      // Not awaited past a failure: the capturing instance also reads the stop from the database within seconds.
      await notify({ op: 'stop', id }).catch(() => {});
      return stopped;
    },
    list: () => listRecordings(db, MAX_LISTED_RECORDINGS),
    get: found,
    async messages(id, afterSeq, limit) {
      await found(id);
      return recordedMessages(db, id, afterSeq, limit);
    },
    async replay(id, { speed, topicPrefix = '' }, context) {
      if (broker.state() !== 'ready') throw new BrokerUnavailableError(broker.lastError() ?? undefined);
      const prefixCheck = TopicSchema.safeParse(topicPrefix);
      if (topicPrefix !== '' && !prefixCheck.success)
        throw new PublishInputError(`topicPrefix cannot be published to: ${prefixCheck.error.issues[0]?.message ?? 'it is not a topic'}`);
      const runId = randomUUID();
      const asText: ReplaySpeed = speed === 'max' ? 'max' : speed === 10 ? '10' : '1';
      const recording = await db.$transaction(async (tx) => {
        const current = await findRecording(tx, id);
        if (!current) throw new RecordingNotFoundError(id);
        if (current.state === 'recording')
          throw new RecordingStateError(`Recording "${current.name}" is still recording: stop it first, then replay it.`, 'recording');
        const { count } = await tx.recording.updateMany({
          where: {
            id,
            OR: [{ replayState: { not: 'running' } }, { replayUpdatedAt: { lt: new Date(Date.now() - staleReplayMs) } }],
          },
          data: {
            replayState: 'running',
            replayRunId: runId,
            replaySpeed: asText,
            replayPrefix: topicPrefix,
            replaySent: 0,
            replaySkipped: 0,
            replayUpdatedAt: new Date(),
          },
        });
        if (count === 0)
          throw new RecordingStateError(`Recording "${current.name}" is being replayed already: cancel that replay first.`, 'replaying');
        await recordAudit(tx, {
          ...context,
          action: 'recording.replay',
          target: `recording:${id}`,
          detail: { name: current.name, speed: asText, topicPrefix, messages: current.messages },
        });
        return (await findRecording(tx, id))!;
      });
      // A run of this instance taken over (its progress went stale) stops now; its end must not forget this one.
      running.get(id)?.controller.abort();
      const controller = new AbortController();
      const replaying = {
        db,
        redis: broker.redis,
        id,
        runId,
        speed: asText,
        topicPrefix,
        signal: controller.signal,
        staleMs: staleReplayMs,
      };
      const done = runReplay(replaying).finally(() => {
        if (running.get(id)?.runId === runId) running.delete(id);
      });
      running.set(id, { runId, controller, done });
      return recording;
    },
    async cancelReplay(id, context) {
      const cancelled = await db.$transaction(async (tx) => {
        const { count } = await tx.recording.updateMany({
          where: { id, replayState: 'running' },
          data: { replayState: 'cancelled', replayUpdatedAt: new Date() },
        });
        const recording = await findRecording(tx, id);
        if (!recording) throw new RecordingNotFoundError(id);
        if (count === 0) throw new RecordingStateError(`Recording "${recording.name}" is not being replayed.`, recording.replay.state);
        await recordAudit(tx, {
          ...context,
          action: 'recording.replay.cancel',
          target: `recording:${id}`,
          detail: { name: recording.name, sent: recording.replay.sent },
        });
        return recording;
      });
      // This instance's replay stops at once; another's at its next progress write.
      running.get(id)?.controller.abort();
      return cancelled;
    },
    async close() {
      for (const { controller } of running.values()) controller.abort();
      await Promise.all([...running.values()].map(({ done }) => done));
    },
  };
}
