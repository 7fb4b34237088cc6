import { requireReader } from '../../../lib/auth/actor.ts';
import { errorResponse } from '../../../lib/http.ts';
import { services } from '../../../lib/services.ts';

export const dynamic = 'force-dynamic';

/**
 * GET /api/queue — the deferred queue's depth, pending work and recently processed events; with DEFERRED_MODE=eda,
 * the list `message:queue` instead: `{ mode: 'eda', list, length, items }`, the newest 50 items, each cut to 200 bytes.
 */
export async function GET(request: Request): Promise<Response> {
  try {
    await requireReader(request);
    const { broker } = services();
    return Response.json(await (broker.deferredMode === 'eda' ? broker.edaQueue() : broker.queueStats()));
  } catch (error) {
    return errorResponse(error);
  }
}
