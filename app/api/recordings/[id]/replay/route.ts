import { auditContext } from '../../../../../lib/audit/context.ts';
import { requireRole } from '../../../../../lib/auth/actor.ts';
import { PayloadTooLargeError } from '../../../../../lib/errors.ts';
import { errorResponse, readJson } from '../../../../../lib/http.ts';
import { JSON_BODY, guardStateChange } from '../../../../../lib/request-guard.ts';
import { services } from '../../../../../lib/services.ts';
import { refuseNul } from '../../../../../lib/text-input.ts';
import { ReplaySchema } from '../../../../../lib/validations/recordings.ts';

export const dynamic = 'force-dynamic';

const BODY_LIMIT = 4096;

/**
 * POST /api/recordings/:id/replay `{ speed: 1 | 10 | "max", topicPrefix? }` — publishes a stopped recording again in
 * order, its spacing divided by `speed`: 202 with the recording, whose `replay` shows the progress. 503 while Redis is down.
 */
export async function POST(request: Request, { params }: { params: Promise<{ id: string }> }): Promise<Response> {
  try {
    guardStateChange(request, { allowedOrigins: services().allowedOrigins, accept: JSON_BODY });
    const actor = await requireRole(request, 'editor');
    const { id } = await params;
    refuseNul('The recording id', id);
    const input = await readJson(request, ReplaySchema, {
      limit: BODY_LIMIT,
      tooLarge: (bytes) => new PayloadTooLargeError(`The body is ${bytes} bytes; a replay request is at most ${BODY_LIMIT}.`),
      example: '{ "speed": "max", "topicPrefix": "replay." }',
    });
    return Response.json(await services().recordings.replay(id, input, auditContext(request, actor)), { status: 202 });
  } catch (error) {
    return errorResponse(error);
  }
}

/** DELETE /api/recordings/:id/replay — cancels its running replay, as POST …/replay/cancel does. */
export async function DELETE(request: Request, { params }: { params: Promise<{ id: string }> }): Promise<Response> {
  try {
    guardStateChange(request, { allowedOrigins: services().allowedOrigins });
    const actor = await requireRole(request, 'editor');
    const { id } = await params;
    refuseNul('The recording id', id);
    return Response.json(await services().recordings.cancelReplay(id, auditContext(request, actor)));
  } catch (error) {
    return errorResponse(error);
  }
}
