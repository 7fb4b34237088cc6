import { requireReader } from '../../../lib/auth/actor.ts';
import { errorResponse } from '../../../lib/http.ts';
import { services } from '../../../lib/services.ts';

export const dynamic = 'force-dynamic';

/** GET /api/queue — the deferred queue's depth, pending work and recently processed events. */
export async function GET(request: Request): Promise<Response> {
  try {
    await requireReader(request);
    return Response.json(await services().broker.queueStats());
  } catch (error) {
    return errorResponse(error);
  }
}
