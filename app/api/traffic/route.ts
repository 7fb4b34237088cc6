import { requireReader } from '../../../lib/auth/actor.ts';
import { errorResponse } from '../../../lib/http.ts';
import { services } from '../../../lib/services.ts';
import { parseRecentQuery } from '../../../lib/traffic/recent-query.ts';

export const dynamic = 'force-dynamic';

/**
 * GET /api/traffic?pattern=&status=&document=&limit= — the newest kept messages, newest first, as the live tail shows
 * them: `{ messages }`. `pattern` is a Redis glob, `status` violates|undocumented|unchecked|conforms, `document` a slug,
 * `limit` 1 to 1000 (100). A bad parameter is a 400 naming it.
 */
export async function GET(request: Request): Promise<Response> {
  try {
    await requireReader(request);
    const { filter, limit } = parseRecentQuery(new URL(request.url).searchParams);
    return Response.json({ messages: await services().traffic.recent(filter, limit) });
  } catch (error) {
    return errorResponse(error);
  }
}
