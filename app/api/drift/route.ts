import { requireReader } from '../../../lib/auth/actor.ts';
import { currentDrift } from '../../../lib/drift/service.ts';
import { DEFAULT_DRIFT_WINDOW, parseWindow } from '../../../lib/drift/window.ts';
import { errorResponse, jsonError } from '../../../lib/http.ts';
import { services } from '../../../lib/services.ts';

export const dynamic = 'force-dynamic';

/** GET /api/drift?window=1h — undocumented channels, catalogued channels silent for the window, unsubscribed ones. */
export async function GET(request: Request): Promise<Response> {
  try {
    await requireReader(request);
    const window = new URL(request.url).searchParams.get('window') ?? DEFAULT_DRIFT_WINDOW;
    const windowMs = parseWindow(window);
    if (windowMs === null) return jsonError(400, `window ${JSON.stringify(window)} is not a duration like 15m, 6h or 7d (at most 30d)`);
    return Response.json(await currentDrift(services(), windowMs));
  } catch (error) {
    return errorResponse(error);
  }
}
