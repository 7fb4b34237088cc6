import { requireReader } from '../../../../../lib/auth/actor.ts';
import { errorResponse, jsonError } from '../../../../../lib/http.ts';
import { services } from '../../../../../lib/services.ts';

export const dynamic = 'force-dynamic';

/** GET /api/documents/:slug/diff?from=&to= — every change between two versions, classified. */
export async function GET(request: Request, { params }: { params: Promise<{ slug: string }> }): Promise<Response> {
  try {
    await requireReader(request);
    const { slug } = await params;
    const query = new URL(request.url).searchParams;
    const [from, to] = [query.get('from')?.trim(), query.get('to')?.trim()];
    if (!from || !to) return jsonError(400, 'Name both versions to compare: ?from=1.0.0&to=1.1.0.');
    return Response.json(await services().catalogue.diff(slug, from, to));
  } catch (error) {
    return errorResponse(error);
  }
}
