/** A recording as GET /api/recordings answers it (prisma/store/recordings.ts StoredRecording), as the browser reads it. */
export interface RecordingView {
  id: string;
  name: string;
  patterns: string[];
  state: 'recording' | 'stopped';
  stopReason: string | null;
  maxMessages: number;
  maxSeconds: number;
  messages: number;
  bytes: number;
  startedAt: string;
  stoppedAt: string | null;
  createdBy: string;
  replay: {
    state: 'idle' | 'running' | 'finished' | 'cancelled' | 'failed';
    speed: string | null;
    topicPrefix: string | null;
    sent: number;
    /** Not published: their topic is one /api/publish refuses. */
    skipped: number;
  };
}

/** POSTs `body` (if any) as JSON to `path`. */
export async function postJson(path: string, body?: unknown): Promise<Response> {
  return fetch(path, {
    method: 'POST',
    headers: body === undefined ? {} : { 'Content-Type': 'application/json' },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
}

/** What the list says of a recording's replay. */
export function replayText({ replay, messages }: RecordingView): string {
  if (replay.state === 'idle') return 'never replayed';
  const done = `${replay.sent + replay.skipped} of ${messages}${replay.skipped > 0 ? ` (${replay.skipped} skipped)` : ''}`;
  if (replay.state === 'running') return `replaying ${done} at ${replay.speed === 'max' ? 'full speed' : `${replay.speed}×`}`;
  return `replay ${replay.state} after ${done}`;
}
