import { z } from 'zod';

/** What the capturing instance needs to record from the notice on, before any database read. */
export interface ArmedRecording {
  id: string;
  patterns: string[];
  maxMessages: number;
  /** When it stops by itself, in ms since the epoch. */
  deadline: number;
  /** Messages stored (or on their way) so far. */
  messages: number;
  bytes: number;
}

const NoticeSchema = z.discriminatedUnion('op', [
  z.object({
    op: z.literal('start'),
    id: z.string().max(64),
    patterns: z.array(z.string().max(1024)).max(16),
    maxMessages: z.number().int().positive(),
    deadline: z.number().int(),
  }),
  z.object({ op: z.literal('stop'), id: z.string().max(64) }),
]);

export type RecordingNotice = z.infer<typeof NoticeSchema>;

/** The longest notice read: a start names at most 10 patterns of 256 characters. */
const MAX_NOTICE_BYTES = 16 * 1024;

/** A notice as published on the recordings channel. */
export function encodeNotice(notice: RecordingNotice): string {
  return JSON.stringify(notice);
}

/** The notice a payload holds, or null when it is not one (the channel is reserved, but anyone may publish on it). */
export function decodeNotice(payload: Buffer): RecordingNotice | null {
  if (payload.length > MAX_NOTICE_BYTES) return null;
  try {
    const parsed = NoticeSchema.safeParse(JSON.parse(payload.toString('utf8')));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}
