import type { QueueReport } from '../../lib/broker/deferred-queue.ts';
import type { EdaQueueReport } from '../../lib/broker/eda-queue.ts';

/** What /queue shows: the stats (of the stream, or of the `eda` list with DEFERRED_MODE=eda), or why there are none. */
export type QueueSnapshot =
  | { kind: 'ok'; stats: QueueReport | EdaQueueReport }
  /** Redis is down (503): the portal keeps retrying. */
  | { kind: 'unreachable'; error: string }
  | { kind: 'failed'; error: string };

/**
 * GET /api/queue as a snapshot; never throws. Null when the request was aborted.
 * @example const snapshot = await fetchQueueSnapshot(controller.signal);
 */
export async function fetchQueueSnapshot(signal: AbortSignal): Promise<QueueSnapshot | null> {
  try {
    const response = await fetch('/api/queue', { cache: 'no-store', signal });
    const body = (await response.json().catch(() => null)) as ((QueueReport | EdaQueueReport) & { error?: string }) | null;
    if (response.ok && body && ('mode' in body ? Array.isArray(body.items) : Array.isArray(body.recentlyProcessed)))
      return { kind: 'ok', stats: body };
    const error = body?.error ?? `The portal answered HTTP ${response.status}.`;
    return response.status === 503 ? { kind: 'unreachable', error } : { kind: 'failed', error };
  } catch (error) {
    if (signal.aborted) return null;
    return {
      kind: 'failed',
      error: `The portal did not answer (${error instanceof Error ? error.message : String(error)}); is it running?`,
    };
  }
}
