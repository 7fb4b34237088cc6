import type { FilterableMessage } from './triage-filter.ts';

/** One line of an export. */
interface ExportLine {
  channel: string;
  /** ISO 8601, UTC. */
  receivedAt: string;
  status: string | null;
  document: string | null;
  message: string | null;
  /** The payload parsed when it is whole JSON, else its text (base64 for binary, see `encoding`). */
  payload: unknown;
  encoding?: string;
  truncated?: true;
}

/**
 * The messages as NDJSON, one JSON object per line in the order given, each ending in a newline.
 * @example new Blob([toNdjson(messages)], { type: 'application/x-ndjson' })
 */
export function toNdjson(messages: Iterable<FilterableMessage>): string {
  let text = '';
  for (const message of messages) text += `${JSON.stringify(exportLine(message))}\n`;
  return text;
}

function exportLine(message: FilterableMessage): ExportLine {
  const { conformance } = message;
  const line: ExportLine = {
    channel: message.channel,
    receivedAt: new Date(message.receivedAt).toISOString(),
    status: conformance?.status ?? null,
    document: conformance?.document?.slug ?? null,
    message: conformance?.message ?? null,
    payload: payloadValue(message),
  };
  if (message.encoding) line.encoding = message.encoding;
  if (message.truncated) line.truncated = true;
  return line;
}

function payloadValue(message: FilterableMessage): unknown {
  if (message.encoding === 'base64' || message.truncated) return message.payload;
  try {
    return JSON.parse(message.payload);
  } catch {
    return message.payload;
  }
}

/** A file name for an export made at `now`, e.g. `tail-2024-05-01T10-00-00Z.ndjson`. */
export function exportFileName(now: number): string {
  return `tail-${new Date(now).toISOString().slice(0, 19).replaceAll(':', '-')}Z.ndjson`;
}
