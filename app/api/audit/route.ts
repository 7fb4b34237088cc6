import { parseAuditQuery } from '../../../lib/audit/query.ts';
import { requireRole } from '../../../lib/auth/actor.ts';
import { errorResponse } from '../../../lib/http.ts';
import { services } from '../../../lib/services.ts';

export const dynamic = 'force-dynamic';

/**
 * GET /api/audit?actor=&action=&since=&limit=&before= — the audit log, newest first: `{ events, next }`, where `next`
 * is the `before` of the next (older) page. `actor` is an id or a name, `action` one action or a group (`document.`),
 * `since` an ISO date, `limit` 1 to 1000 (100). Needs an admin.
 */
export async function GET(request: Request): Promise<Response> {
  try {
    await requireRole(request, 'admin');
    const query = parseAuditQuery(new URL(request.url).searchParams);
    return Response.json(await services().audit.list(query));
  } catch (error) {
    return errorResponse(error);
  }
}
