import type { StoreClient } from '../db.ts';
import type { Prisma } from '../generated/client.ts';

export type RecordingState = 'recording' | 'stopped';
export type ReplayState = 'idle' | 'running' | 'finished' | 'cancelled' | 'failed';

/** A recording as the API answers it; `bytes` are the stored payloads' (each cut at the per-message bound). */
export interface StoredRecording {
  id: string;
  name: string;
  patterns: string[];
  state: RecordingState;
  stopReason: string | null;
  maxMessages: number;
  maxSeconds: number;
  messages: number;
  bytes: number;
  startedAt: string;
  stoppedAt: string | null;
  createdBy: string;
  /** `sent` published, `skipped` not: their topic is one /api/publish refuses. */
  replay: { state: ReplayState; speed: string | null; topicPrefix: string | null; sent: number; skipped: number; updatedAt: string | null };
}

export interface RecordedMessageRow {
  seq: number;
  channel: string;
  payload: Uint8Array;
  size: number;
  receivedAt: Date;
}

type RecordingRow = Prisma.RecordingGetPayload<object>;

/** The one place a recording row becomes the API's shape. */
export function toRecording(row: RecordingRow): StoredRecording {
  return {
    id: row.id,
    name: row.name,
    patterns: row.patterns,
    state: row.state === 'recording' ? 'recording' : 'stopped',
    stopReason: row.stopReason,
    maxMessages: row.maxMessages,
    maxSeconds: row.maxSeconds,
    messages: row.messageCount,
    bytes: Number(row.bytes),
    startedAt: row.startedAt.toISOString(),
    stoppedAt: row.stoppedAt?.toISOString() ?? null,
    createdBy: row.createdByName,
    replay: {
      state: (['running', 'finished', 'cancelled', 'failed'] as const).find((state) => state === row.replayState) ?? 'idle',
      speed: row.replaySpeed,
      topicPrefix: row.replayPrefix,
      sent: row.replaySent,
      skipped: row.replaySkipped,
      updatedAt: row.replayUpdatedAt?.toISOString() ?? null,
    },
  };
}

/** The newest recordings first, at most `limit`. */
export async function listRecordings(db: StoreClient, limit: number): Promise<StoredRecording[]> {
  return (await db.recording.findMany({ orderBy: { startedAt: 'desc' }, take: limit })).map(toRecording);
}

export async function findRecording(db: Pick<StoreClient, 'recording'>, id: string): Promise<StoredRecording | null> {
  const row = await db.recording.findUnique({ where: { id } });
  return row ? toRecording(row) : null;
}

/** Up to `limit` of a recording's messages after `afterSeq`, in order. */
export async function recordedMessages(db: StoreClient, id: string, afterSeq: number, limit: number): Promise<RecordedMessageRow[]> {
  return db.recordedMessage.findMany({
    where: { recordingId: id, seq: { gt: afterSeq } },
    orderBy: { seq: 'asc' },
    take: limit,
    select: { seq: true, channel: true, payload: true, size: true, receivedAt: true },
  });
}
