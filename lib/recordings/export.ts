import { isUtf8 } from 'node:buffer';
import type { RecordedMessageRow, StoredRecording } from '../../prisma/store/recordings.ts';
import type { Recordings } from './recordings.ts';

export type ExportFormat = 'ndjson' | 'json';
/** Messages read from the database per chunk of the answer: the export holds no more than this in memory. */
const PAGE = 500;

/** One recorded message as an export writes it: its payload as text, or base64 when it is not UTF-8. */
export interface ExportedMessage {
  seq: number;
  channel: string;
  receivedAt: string;
  payload: string;
  encoding?: 'base64';
  size: number;
  truncated: boolean;
}

export function exportedMessage({ seq, channel, payload, size, receivedAt }: RecordedMessageRow): ExportedMessage {
  const bytes = Buffer.from(payload);
  const message: ExportedMessage = {
    seq,
    channel,
    receivedAt: receivedAt.toISOString(),
    payload: '',
    size,
    truncated: size > bytes.length,
  };
  if (isUtf8(bytes)) message.payload = bytes.toString('utf8');
  else Object.assign(message, { payload: bytes.toString('base64'), encoding: 'base64' });
  return message;
}

/**
 * A recording's messages as a stream, read a page at a time as the client takes them: `ndjson`, one message a line,
 * or `json`, `{ "recording": …, "messages": [ … ] }`.
 * @example new Response(exportStream(recordings, recording, 'ndjson'))
 */
export function exportStream(
  recordings: Pick<Recordings, 'messages'>,
  recording: StoredRecording,
  format: ExportFormat,
): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder();
  let after = -1;
  let first = true;
  return new ReadableStream<Uint8Array>({
    start(controller) {
      if (format === 'json') controller.enqueue(encoder.encode(`{"recording":${JSON.stringify(recording)},"messages":[`));
    },
    async pull(controller) {
      const page = await recordings.messages(recording.id, after, PAGE);
      if (page.length > 0) {
        after = page.at(-1)!.seq;
        const items = page.map((row) => JSON.stringify(exportedMessage(row)));
        const text = format === 'ndjson' ? items.map((item) => `${item}\n`).join('') : `${first ? '' : ','}${items.join(',')}`;
        first = false;
        controller.enqueue(encoder.encode(text));
      }
      if (page.length < PAGE) {
        if (format === 'json') controller.enqueue(encoder.encode(']}'));
        controller.close();
      }
    },
  });
}
