import { errorResponse } from '../../../lib/http.ts';
import { services } from '../../../lib/services.ts';

export const dynamic = 'force-dynamic';

/** GET /api/health — database and broker status; 503 only when the catalogue itself is down. */
export async function GET(): Promise<Response> {
  try {
    const report = await services().health();
    return Response.json(report, { status: report.status === 'down' ? 503 : 200 });
  } catch (error) {
    return errorResponse(error);
  }
}
