import { errorResponse } from '@/lib/http';
import { services } from '@/lib/services';

export const dynamic = 'force-dynamic';

type Params = { params: Promise<{ slug: string; version: string }> };

/**
 * GET /api/documents/:slug/versions/:version — the normalised version with its raw text;
 * `?format=raw` answers with the raw document itself, as a download.
 */
export async function GET(request: Request, { params }: Params): Promise<Response> {
  try {
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
