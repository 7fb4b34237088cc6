import type { ConformanceStatus } from '../common/conformance.ts';
import { TrafficQueryError } from '../errors.ts';
import { patternProblem } from '../live/glob.ts';
import { DEFAULT_LIVE_LIMITS } from '../live/limits.ts';
import { CONFORMANCE_STATUSES, isStatus, type HistoryFilter } from './history-entry.ts';

/** How many messages `GET /api/traffic` answers unless `limit` says, and at most. */
export const DEFAULT_RECENT_LIMIT = 100;
export const MAX_RECENT_LIMIT = 1_000;
const MAX_SLUG_CHARS = 200;

/** `GET /api/traffic`'s filters, checked. */
export interface RecentQuery {
  filter: HistoryFilter;
  limit: number;
}

/**
 * Reads `GET /api/traffic`'s parameters; each unusable one is a TrafficQueryError (400) naming it. Empty ones mean
 * no filter. `pattern` is a Redis glob as the live tail follows, `status` a conformance status, `document` a slug.
 * @example parseRecentQuery(new URLSearchParams('pattern=orders.*&status=violates')) // { filter: { patterns: ['orders.*'], status: 'violates' }, limit: 100 }
 */
export function parseRecentQuery(params: URLSearchParams): RecentQuery {
  const value = (name: string): string | undefined => params.get(name)?.trim() || undefined;
  const pattern = value('pattern');
  const status = value('status');
  const document = value('document');
  const limit = value('limit');
  const filter: HistoryFilter = {};
  if (pattern !== undefined) filter.patterns = [checkPattern(pattern)];
  if (status !== undefined) filter.status = checkStatus(status);
  if (document !== undefined) filter.document = checkDocument(document);
  return { filter, limit: limit === undefined ? DEFAULT_RECENT_LIMIT : checkLimit(limit) };
}

function checkPattern(pattern: string): string {
  const problem = patternProblem(pattern, DEFAULT_LIVE_LIMITS.maxPatternLength);
  if (problem) throw new TrafficQueryError('pattern', `pattern: ${problem} Send a Redis glob such as orders.*`);
  return pattern;
}

function checkStatus(status: string): ConformanceStatus {
  if (isStatus(status)) return status;
  throw new TrafficQueryError('status', `status "${status.slice(0, 40)}" is none of ${CONFORMANCE_STATUSES.join(', ')}.`);
}

function checkDocument(document: string): string {
  if (document.length <= MAX_SLUG_CHARS && /^[a-z0-9-]+$/.test(document)) return document;
  throw new TrafficQueryError(
    'document',
    'document must be a document slug: lower-case letters, digits and dashes, as in /documents/<slug>.',
  );
}

function checkLimit(limit: string): number {
  const count = /^[0-9]{1,4}$/.test(limit) ? Number(limit) : Number.NaN;
  if (count >= 1 && count <= MAX_RECENT_LIMIT) return count;
  throw new TrafficQueryError('limit', `limit must be a whole number from 1 to ${MAX_RECENT_LIMIT}, not "${limit.slice(0, 20)}".`);
}
