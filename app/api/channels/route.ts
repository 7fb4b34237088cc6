import { requireReader } from '../../../lib/auth/actor.ts';
import { errorResponse } from '../../../lib/http.ts';
import { services } from '../../../lib/services.ts';

export const dynamic = 'force-dynamic';

/** GET /api/channels?q= — every channel across the catalogue's latest versions. */
export async function GET(request: Request): Promise<Response> {
  try {
    await requireReader(request);
    const q = new URL(request.url).searchParams.get('q') ?? undefined;
    return Response.json({ channels: await services().catalogue.listChannels(q) });
  } catch (error) {
    return errorResponse(error);
  }
}
