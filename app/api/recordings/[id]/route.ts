import { requireReader } from '../../../../lib/auth/actor.ts';
import { errorResponse } from '../../../../lib/http.ts';
import { services } from '../../../../lib/services.ts';
import { refuseNul } from '../../../../lib/text-input.ts';

export const dynamic = 'force-dynamic';

/** GET /api/recordings/:id — one recording as listed, with its latest replay's progress (`replay.sent` of `messages`). */
export async function GET(request: Request, { params }: { params: Promise<{ id: string }> }): Promise<Response> {
  try {
    await requireReader(request);
    const { id } = await params;
    refuseNul('The recording id', id);
    return Response.json(await services().recordings.get(id));
  } catch (error) {
    return errorResponse(error);
  }
}
