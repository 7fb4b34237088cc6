import { auditContext } from '../../../../../lib/audit/context.ts';
import { requireRole } from '../../../../../lib/auth/actor.ts';
import { errorResponse } from '../../../../../lib/http.ts';
import { guardStateChange } from '../../../../../lib/request-guard.ts';
import { services } from '../../../../../lib/services.ts';
import { refuseNul } from '../../../../../lib/text-input.ts';

export const dynamic = 'force-dynamic';

/** POST /api/recordings/:id/stop — stops recording (one stopped already stays as it is) and answers it. */
export async function POST(request: Request, { params }: { params: Promise<{ id: string }> }): Promise<Response> {
  try {
    guardStateChange(request, { allowedOrigins: services().allowedOrigins });
    const actor = await requireRole(request, 'editor');
    const { id } = await params;
    refuseNul('The recording id', id);
    return Response.json(await services().recordings.stop(id, auditContext(request, actor)));
  } catch (error) {
    return errorResponse(error);
  }
}
