import { requireReader } from '../../../../lib/auth/actor.ts';
import { errorResponse } from '../../../../lib/http.ts';
import { services } from '../../../../lib/services.ts';

export const dynamic = 'force-dynamic';

/** GET /api/publish/channels — `{ documents: [{ slug, title, version, channels }] }`: what one can publish to, without schemas. */
export async function GET(request: Request): Promise<Response> {
  try {
    await requireReader(request);
    return Response.json({ documents: await services().publishing.listChannels() });
  } catch (error) {
    return errorResponse(error);
  }
}
