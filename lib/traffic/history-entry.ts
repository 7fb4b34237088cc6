import type { Conformance, ConformanceStatus } from '../common/conformance.ts';
import { MAX_CHANNEL_NAME } from '../conformance/traffic.ts';
import type { InspectedMessage } from '../conformance/result.ts';
import type { RecentMessage } from '../live/events.ts';
import { compileGlob } from '../live/glob.ts';
import { shownPayload } from '../live/tail-message.ts';

/** How much recent traffic the portal keeps: in bytes of the history stream, in age, and per message's payload. */
export interface HistoryBounds {
  maxBytes: number;
  maxAgeMs: number;
  /** A payload longer than this is kept cut (`truncated`), with its real size. */
  messageBytes: number;
}

export const DEFAULT_HISTORY_BOUNDS: HistoryBounds = { maxBytes: 50 * 1024 * 1024, maxAgeMs: 60 * 60_000, messageBytes: 16 * 1024 };

/**
 * One message as the history stream keeps it: what a read filters on, each a field of its own so that a filter
 * parses no JSON, and the rest of the message as JSON (`rest`).
 */
export interface HistoryEntry {
  channel: string;
  /** The conformance status, or '' when the message was not checked. */
  status: ConformanceStatus | '';
  /** The slug of the matched document, or ''. */
  document: string;
  receivedAt: number;
  rest: string;
}

/** What the append script adds to each entry's fields to count it: the field names and the stream's own bookkeeping. */
export const ENTRY_OVERHEAD_BYTES = 64;

/**
 * A message as the history keeps it: its payload cut at `messageBytes` (a decoded Avro payload, as its JSON), its
 * conformance joined to its catalogue match, and a channel name longer than the undocumented ones are kept cut.
 * @example historyEntry(monitor.check(channel, payload), channel, payload, Date.now(), 16 * 1024)
 */
export function historyEntry(
  inspection: InspectedMessage,
  channel: string,
  payload: Buffer,
  receivedAt: number,
  messageBytes: number,
): HistoryEntry {
  const { conformance, match } = inspection;
  const { ref: _ref, ...judged } = conformance;
  const resolved: Conformance = match ? { ...judged, document: match.document, channel: match.channel, params: match.params } : judged;
  const rest: Omit<RecentMessage, 'channel' | 'receivedAt'> = {
    ...shownPayload(payload, inspection, messageBytes),
    size: payload.length,
    conformance: resolved,
  };
  return {
    channel: channel.length > MAX_CHANNEL_NAME ? `${channel.slice(0, MAX_CHANNEL_NAME)}…` : channel,
    status: conformance.status,
    document: match?.document.slug ?? '',
    receivedAt,
    rest: JSON.stringify(rest),
  };
}

/** About the bytes an entry holds in Redis, as the append script counts them (characters, near enough bytes for the bound). */
export function entryBytes(entry: HistoryEntry): number {
  return entry.channel.length + entry.status.length + entry.document.length + 15 + entry.rest.length + ENTRY_OVERHEAD_BYTES;
}

/** An entry's fields as XRANGE answers them, or null when they are not one of ours. */
export function readEntry(fields: string[]): HistoryEntry | null {
  const map = new Map<string, string>();
  for (let i = 0; i + 1 < fields.length; i += 2) map.set(fields[i]!, fields[i + 1]!);
  const [channel, status, document, at, rest] = ['c', 's', 'd', 't', 'm'].map((name) => map.get(name));
  const receivedAt = Number(at);
  if (channel === undefined || document === undefined || rest === undefined || !Number.isSafeInteger(receivedAt)) return null;
  if (status !== '' && !isStatus(status)) return null;
  return { channel, status, document, receivedAt, rest };
}

/** The message an entry keeps, or null when its JSON is not what historyEntry wrote. */
export function recentMessage(entry: HistoryEntry): RecentMessage | null {
  let rest: unknown;
  try {
    rest = JSON.parse(entry.rest);
  } catch {
    return null;
  }
  if (typeof rest !== 'object' || rest === null || typeof (rest as { payload?: unknown }).payload !== 'string') return null;
  return { channel: entry.channel, receivedAt: entry.receivedAt, ...(rest as Omit<RecentMessage, 'channel' | 'receivedAt'>) };
}

export const CONFORMANCE_STATUSES: readonly ConformanceStatus[] = ['violates', 'undocumented', 'unchecked', 'conforms'];

export function isStatus(value: unknown): value is ConformanceStatus {
  return CONFORMANCE_STATUSES.includes(value as ConformanceStatus);
}

/** Which kept messages a read wants: on any of `patterns` (Redis globs, checked), with `status`, of `document`. */
export interface HistoryFilter {
  patterns?: readonly string[];
  status?: ConformanceStatus;
  document?: string;
}

/**
 * A test of an entry against a filter: its globs compiled once (lib/live/glob.ts, which never backtracks).
 * @example historyMatcher({ patterns: ['orders.*'], status: 'violates' })(entry)
 */
export function historyMatcher({ patterns, status, document }: HistoryFilter): (entry: HistoryEntry) => boolean {
  const globs = patterns?.map(compileGlob);
  return (entry) =>
    (status === undefined || entry.status === status) &&
    (document === undefined || entry.document === document) &&
    (globs === undefined || globs.some((matches) => matches(entry.channel)));
}
