import { requireReader } from '../../../lib/auth/actor.ts';
import { jsonError, errorResponse } from '../../../lib/http.ts';
import { services } from '../../../lib/services.ts';

export const dynamic = 'force-dynamic';

/** GET /api/conformance?slug= — live traffic per catalogued channel (and undocumented channels), counted once across instances. */
export async function GET(request: Request): Promise<Response> {
  try {
    await requireReader(request);
    const slug = new URL(request.url).searchParams.get('slug')?.trim() || undefined;
    if (slug !== undefined && !/^[a-z0-9-]{1,200}$/.test(slug)) {
      return jsonError(400, 'slug must be a document slug: lower-case letters, digits and dashes, as in /documents/<slug>.');
    }
    return Response.json(await services().traffic.snapshot({ slug }));
  } catch (error) {
    return errorResponse(error);
  }
}
