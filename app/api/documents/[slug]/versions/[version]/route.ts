import { auditContext } from '../../../../../../lib/audit/context.ts';
import { ensureRole, requireReader, requireRole } from '../../../../../../lib/auth/actor.ts';
import { PayloadTooLargeError } from '../../../../../../lib/errors.ts';
import { errorResponse, readJson } from '../../../../../../lib/http.ts';
import { JSON_BODY, guardStateChange } from '../../../../../../lib/request-guard.ts';
import { services } from '../../../../../../lib/services.ts';
import { VersionStatusSchema } from '../../../../../../lib/validations/version-status.ts';

export const dynamic = 'force-dynamic';

type Params = { params: Promise<{ slug: string; version: string }> };

/**
 * GET /api/documents/:slug/versions/:version — the normalised version with its raw text;
 * `?format=raw` answers with the raw document itself, as a download.
 */
export async function GET(request: Request, { params }: Params): Promise<Response> {
  try {
    await requireReader(request);
    const { slug, version } = await params;
    const detail = await services().catalogue.getVersion(slug, version);
    if (new URL(request.url).searchParams.get('format') !== 'raw') return Response.json(detail);
    const extension = detail.format === 'json' ? 'json' : 'yaml';
    return new Response(detail.raw, {
      headers: {
        'Content-Type': detail.format === 'json' ? 'application/json; charset=utf-8' : 'application/yaml; charset=utf-8',
        'Content-Disposition': `attachment; filename="${slug}-${version.replace(/[^\w.-]/g, '_')}.${extension}"`,
      },
    });
  } catch (error) {
    return errorResponse(error);
  }
}

/**
 * PATCH /api/documents/:slug/versions/:version `{ status }` — moves the version through its lifecycle. Needs an editor,
 * and an admin to retire it (a viewer's 403 names the role this status needs).
 */
export async function PATCH(request: Request, { params }: Params): Promise<Response> {
  try {
    guardStateChange(request, { allowedOrigins: services().allowedOrigins, accept: JSON_BODY });
    const actor = await requireRole(request, 'viewer'); // signed in (401) before the body is read
    const { slug, version } = await params;
    const { status } = await readJson(request, VersionStatusSchema, {
      limit: 4096,
      tooLarge: (bytes) => new PayloadTooLargeError(`The request is ${bytes} bytes; send only { "status": "deprecated" }.`),
      example: '{ "status": "deprecated" }',
    });
    ensureRole(actor, status === 'retired' ? 'admin' : 'editor');
    await services().catalogue.setStatus(slug, version, status, auditContext(request, actor));
    return Response.json({ slug, version, status });
  } catch (error) {
    return errorResponse(error);
  }
}
