import { requireReader } from '../../../../../../lib/auth/actor.ts';
import { errorResponse, jsonError } from '../../../../../../lib/http.ts';
import { services } from '../../../../../../lib/services.ts';

export const dynamic = 'force-dynamic';

/**
 * GET /api/publish/channels/:slug/:version?channel=<key> — one channel with its parameters and messages,
 * each with its payload schema, examples and the `template` a publish form starts from.
 */
export async function GET(request: Request, { params }: { params: Promise<{ slug: string; version: string }> }): Promise<Response> {
  try {
    await requireReader(request);
    const { slug, version } = await params;
    const channel = new URL(request.url).searchParams.get('channel');
    if (!channel) return jsonError(400, 'Name the channel: ?channel=<its key in the document>.');
    return Response.json(await services().publishing.getChannel(slug, version, channel));
  } catch (error) {
    return errorResponse(error);
  }
}
