import { auditContext } from '../../../lib/audit/context.ts';
import { requireReader, requireRole } from '../../../lib/auth/actor.ts';
import { errorResponse, jsonError, readBody } from '../../../lib/http.ts';
import { DOCUMENT_BODY, guardStateChange } from '../../../lib/request-guard.ts';
import { services } from '../../../lib/services.ts';
import { documentText } from '../../../lib/text-body.ts';

export const dynamic = 'force-dynamic';

/** GET /api/documents?q= — the catalogue, optionally searched. */
export async function GET(request: Request): Promise<Response> {
  try {
    await requireReader(request);
    const q = new URL(request.url).searchParams.get('q') ?? undefined;
    return Response.json({ documents: await services().catalogue.listDocuments(q) });
  } catch (error) {
    return errorResponse(error);
  }
}

/**
 * POST /api/documents — register an AsyncAPI document sent as raw YAML or JSON; `?force=true` registers
 * a version despite breaking changes against the latest one (and records the override). Needs an editor, and an
 * admin with `?force=true` (AUTH=local: everyone is an admin).
 */
export async function POST(request: Request): Promise<Response> {
  try {
    guardStateChange(request, { allowedOrigins: services().allowedOrigins, accept: DOCUMENT_BODY });
    const force = new URL(request.url).searchParams.get('force') === 'true';
    const context = auditContext(request, await requireRole(request, force ? 'admin' : 'editor'));
    const raw = documentText(await readBody(request));
    if (raw.trim() === '')
      return jsonError(422, 'The request body is empty: send the AsyncAPI document as YAML or JSON.', { diagnostics: [] });
    const result = await services().catalogue.register(raw, { force, context });
    return Response.json(result, { status: result.status === 'created' ? 201 : 200 });
  } catch (error) {
    return errorResponse(error);
  }
}
