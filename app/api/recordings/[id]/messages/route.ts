import { requireReader } from '../../../../../lib/auth/actor.ts';
import { RecordingQueryError } from '../../../../../lib/errors.ts';
import { errorResponse } from '../../../../../lib/http.ts';
import { exportStream, type ExportFormat } from '../../../../../lib/recordings/export.ts';
import { services } from '../../../../../lib/services.ts';
import { refuseNul } from '../../../../../lib/text-input.ts';

export const dynamic = 'force-dynamic';

const TYPES: Record<ExportFormat, string> = { ndjson: 'application/x-ndjson', json: 'application/json' };

/** GET /api/recordings/:id/messages?format=ndjson|json — its messages in order, streamed (ndjson by default). */
export async function GET(request: Request, { params }: { params: Promise<{ id: string }> }): Promise<Response> {
  try {
    await requireReader(request);
    const { id } = await params;
    refuseNul('The recording id', id);
    const format = new URL(request.url).searchParams.get('format') ?? 'ndjson';
    if (format !== 'ndjson' && format !== 'json') throw new RecordingQueryError('format must be "ndjson" or "json".', 'format');
    const recording = await services().recordings.get(id);
    return new Response(exportStream(services().recordings, recording, format), {
      headers: {
        'Content-Type': TYPES[format],
        'Content-Disposition': `attachment; filename="recording-${recording.id}.${format}"`,
        'Cache-Control': 'no-store',
      },
    });
  } catch (error) {
    return errorResponse(error);
  }
}
