import { errorResponse } from '../../../lib/http.ts';
import { services } from '../../../lib/services.ts';

export const dynamic = 'force-dynamic';

/** GET /api/queue — the deferred queue's depth, pending work and recently processed events. */
export async function GET(): Promise<Response> {
  try {
    return Response.json(await services().broker.queueStats());
  } catch (error) {
    return errorResponse(error);
  }
}
