import { requireReader } from '../../../../lib/auth/actor.ts';
import { errorResponse } from '../../../../lib/http.ts';
import { services } from '../../../../lib/services.ts';

export const dynamic = 'force-dynamic';

/** GET /api/documents/:slug — version history and the latest version in full. */
export async function GET(request: Request, { params }: { params: Promise<{ slug: string }> }): Promise<Response> {
  try {
    await requireReader(request);
    const { slug } = await params;
    return Response.json(await services().catalogue.getDocument(slug));
  } catch (error) {
    return errorResponse(error);
  }
}
