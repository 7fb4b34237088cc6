import { auditContext } from '../../../../../lib/audit/context.ts';
import { requireReader, requireRole } from '../../../../../lib/auth/actor.ts';
import { PayloadTooLargeError } from '../../../../../lib/errors.ts';
import { errorResponse, readJson } from '../../../../../lib/http.ts';
import { JSON_BODY, guardStateChange } from '../../../../../lib/request-guard.ts';
import { services } from '../../../../../lib/services.ts';
import { CompatibilitySchema } from '../../../../../lib/validations/compatibility.ts';

export const dynamic = 'force-dynamic';

type Params = { params: Promise<{ slug: string }> };

/** GET /api/documents/:slug/compatibility — `{ slug, mode, source: "document" | "default", description }`. */
export async function GET(request: Request, { params }: Params): Promise<Response> {
  try {
    await requireReader(request);
    const { slug } = await params;
    return Response.json(await services().catalogue.getCompatibility(slug));
  } catch (error) {
    return errorResponse(error);
  }
}

/**
 * PUT /api/documents/:slug/compatibility `{ mode }` — the mode the document's next versions are checked under;
 * `{ "mode": null }` follows the portal's default (`COMPATIBILITY`) again. Needs an admin, as forcing does.
 */
export async function PUT(request: Request, { params }: Params): Promise<Response> {
  try {
    guardStateChange(request, { allowedOrigins: services().allowedOrigins, accept: JSON_BODY });
    const actor = await requireRole(request, 'admin');
    const { slug } = await params;
    const { mode } = await readJson(request, CompatibilitySchema, {
      limit: 4096,
      tooLarge: (bytes) => new PayloadTooLargeError(`The request is ${bytes} bytes; send only { "mode": "FULL" }.`),
      example: '{ "mode": "BACKWARD_TRANSITIVE" }',
    });
    return Response.json(await services().catalogue.setCompatibility(slug, mode, auditContext(request, actor)));
  } catch (error) {
    return errorResponse(error);
  }
}
