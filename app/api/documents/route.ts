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
 * admin with `?force=true` (AUTH=local: everyone is an admin). `?dryRun=true` answers what registering would do (200
 * with `dryRun: true`, or the refusal registering would get) and stores nothing, so whoever may read the catalogue may ask.
 */
export async function POST(request: Request): Promise<Response> {
  try {
    guardStateChange(request, { allowedOrigins: services().allowedOrigins, accept: DOCUMENT_BODY });
    const params = new URL(request.url).searchParams;
    const force = params.get('force') === 'true';
    const dryRun = params.get('dryRun') === 'true';
    // A dry run stores nothing, so whoever may read the catalogue may ask (signed out too, with AUTH_ANONYMOUS_READ).
    const actor = dryRun ? await requireReader(request) : await requireRole(request, force ? 'admin' : 'editor');
    const context = actor ? auditContext(request, actor) : undefined;
    const raw = documentText(await readBody(request));
    if (raw.trim() === '')
      return jsonError(422, 'The request body is empty: send the AsyncAPI document as YAML or JSON.', { diagnostics: [] });
    const result = await services().catalogue.register(raw, { force, dryRun, ...(context ? { context } : {}) });
    return Response.json(result, { status: result.status === 'created' && !dryRun ? 201 : 200 });
  } catch (error) {
    return errorResponse(error);
  }
}
