import { auditContext } from '../../../lib/audit/context.ts';
import { requireReader, requireRole } from '../../../lib/auth/actor.ts';
import { PayloadTooLargeError } from '../../../lib/errors.ts';
import { errorResponse, readJson } from '../../../lib/http.ts';
import { JSON_BODY, guardStateChange } from '../../../lib/request-guard.ts';
import { services } from '../../../lib/services.ts';
import { StartRecordingSchema } from '../../../lib/recordings/input.ts';

export const dynamic = 'force-dynamic';

/** Ten patterns of 256 characters, each escaped up to six times, a name and the bounds: far above any real body. */
const BODY_LIMIT = 32 * 1024;

/** GET /api/recordings — the recordings, newest first: name, patterns, state, counts, bytes, when started and stopped, replay. */
export async function GET(request: Request): Promise<Response> {
  try {
    await requireReader(request);
    return Response.json({ recordings: await services().recordings.list() });
  } catch (error) {
    return errorResponse(error);
  }
}

/** POST /api/recordings `{ name, patterns, maxMessages?, maxSeconds? }` — starts recording the live traffic on `patterns`: 201 `{ id }`. */
export async function POST(request: Request): Promise<Response> {
  try {
    guardStateChange(request, { allowedOrigins: services().allowedOrigins, accept: JSON_BODY });
    const actor = await requireRole(request, 'editor');
    const input = await readJson(request, StartRecordingSchema, {
      limit: BODY_LIMIT,
      tooLarge: (bytes) => new PayloadTooLargeError(`The body is ${bytes} bytes; a recording request is at most ${BODY_LIMIT}.`),
      example: '{ "name": "orders", "patterns": ["orders.*"], "maxMessages": 10000, "maxSeconds": 600 }',
    });
    return Response.json(await services().recordings.start(input, auditContext(request, actor)), { status: 201 });
  } catch (error) {
    return errorResponse(error);
  }
}
