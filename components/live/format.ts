import type { TailGap } from '../../lib/live/events.ts';

/** Wall-clock time of day with milliseconds, e.g. `14:03:07.042`, in the viewer's time zone. */
export function formatClock(ms: number): string {
  const date = new Date(ms);
  const pad = (value: number, width = 2): string => String(value).padStart(width, '0');
  return `${pad(date.getHours())}:${pad(date.getMinutes())}:${pad(date.getSeconds())}.${pad(date.getMilliseconds(), 3)}`;
}

/** A byte count for people: `512 B`, `1.5 KB`, `2.0 MB`. */
export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KB`;
  return `${(bytes / (1024 * 1024)).toFixed(1)} MB`;
}

/** A short span of time for people: `40 ms`, `1.2 s`, `3 min 5 s`. */
export function formatDuration(ms: number): string {
  if (ms < 1_000) return `${Math.max(0, Math.round(ms))} ms`;
  if (ms < 60_000) return `${(ms / 1_000).toFixed(1)} s`;
  const seconds = Math.round(ms / 1_000);
  return `${Math.floor(seconds / 60)} min ${seconds % 60} s`;
}

/** What a gap row says: what was lost, where, and for how long. */
export function gapText(gap: TailGap): string {
  const lasted = formatDuration(gap.to - gap.from);
  if (!gap.channels) return `Connection to Redis was reset for ${lasted}: messages published meanwhile were not received.`;
  const channels = gap.channels.map((channel) => JSON.stringify(channel)).join(', ');
  return `Connection to Redis was reset for ${lasted} on shard channel${gap.channels.length === 1 ? '' : 's'} ${channels}: messages published there meanwhile were not received.`;
}

/** A rate with one decimal below 10 and none above, e.g. `0.4`, `12`, `9800`. */
export function formatRate(perSecond: number): string {
  return perSecond < 10 ? perSecond.toFixed(1) : String(Math.round(perSecond));
}

const PREVIEW_CHARS = 240;

/** The start of a payload on one line: whitespace runs collapse to a space (CSS adds the ellipsis). */
export function previewOf(payload: string): string {
  return payload.slice(0, PREVIEW_CHARS).replace(/\s+/g, ' ');
}

/** The payload for reading: JSON indented when it parses, else the text as it came. */
export function readablePayload(payload: string): { text: string; json: boolean } {
  try {
    return { text: JSON.stringify(JSON.parse(payload), null, 2), json: true };
  } catch {
    return { text: payload, json: false };
  }
}

/** How long ago `at` was, for people: `now`, `42 s ago`, `5 min ago`, `3 h ago`. */
export function formatAgo(at: number, now: number): string {
  const seconds = Math.max(0, Math.round((now - at) / 1000));
  if (seconds < 1) return 'now';
  if (seconds < 60) return `${seconds} s ago`;
  if (seconds < 3600) return `${Math.floor(seconds / 60)} min ago`;
  return `${Math.floor(seconds / 3600)} h ago`;
}

/** A share as a percentage with no decimals, except below 1 %: `0`, `0.4 %`, `25 %`. */
export function formatShare(part: number, whole: number): string {
  if (whole === 0 || part === 0) return '0 %';
  const percent = (part / whole) * 100;
  return percent < 1 ? `${percent.toFixed(1)} %` : `${Math.round(percent)} %`;
}
