import type { StoreClient } from '../../prisma/db.ts';
import { PORTAL_CONTEXT } from '../audit/context.ts';
import { recordAudit } from '../audit/record.ts';
import type { ArmedRecording } from './notice.ts';

/** A captured message on its way to the database: its payload already cut at the per-message bound. */
export interface CapturedMessage {
  channel: string;
  payload: Buffer;
  size: number;
  receivedAt: number;
}

/** Why a recording stopped by itself. */
export type StopReason = 'maxMessages' | 'maxSeconds' | 'maxBytes';

/**
 * Stores one recording's captured messages in one transaction, numbered after those already stored (the row's count,
 * incremented in the same statement, so two writers never take one number), and stops it when `stop` says why, with
 * its audit entry: the stop and the last messages commit together.
 */
export async function storeCaptured(
  db: StoreClient,
  id: string,
  messages: readonly CapturedMessage[],
  stop: StopReason | null,
): Promise<void> {
  await db.$transaction(async (tx) => {
    const bytes = messages.reduce((sum, message) => sum + storedBytes(message), 0);
    const row = await tx.recording.update({
      where: { id },
      data: { messageCount: { increment: messages.length }, bytes: { increment: bytes } },
    });
    const first = row.messageCount - messages.length;
    if (messages.length > 0)
      await tx.recordedMessage.createMany({
        data: messages.map((message, index) => ({
          recordingId: id,
          seq: first + index,
          channel: message.channel,
          payload: new Uint8Array(message.payload),
          size: message.size,
          receivedAt: new Date(message.receivedAt),
        })),
      });
    if (stop === null || row.state !== 'recording') return;
    await tx.recording.update({ where: { id }, data: { state: 'stopped', stopReason: stop, stoppedAt: new Date() } });
    await recordAudit(tx, {
      ...PORTAL_CONTEXT,
      action: 'recording.stop',
      target: `recording:${id}`,
      detail: { name: row.name, reason: stop, messages: row.messageCount },
    });
  });
}

/** What a message counts against a recording's byte cap: its stored payload and its channel name. */
export function storedBytes(message: Pick<CapturedMessage, 'channel' | 'payload'>): number {
  return message.payload.length + Buffer.byteLength(message.channel);
}

/**
 * The recordings that run, for an instance that starts capturing, and whether each of `ids` still does (a stop it
 * did not hear): `running` holds every recording in state recording.
 */
export async function runningRecordings(db: StoreClient): Promise<ArmedRecording[]> {
  const rows = await db.recording.findMany({ where: { state: 'recording' }, take: 1_000 });
  return rows.map((row) => ({
    id: row.id,
    patterns: row.patterns,
    maxMessages: row.maxMessages,
    deadline: row.startedAt.getTime() + row.maxSeconds * 1000,
    messages: row.messageCount,
    bytes: Number(row.bytes),
  }));
}
