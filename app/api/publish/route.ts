import { MAX_PAYLOAD_BYTES } from '../../../lib/broker/publish.ts';
import { PayloadTooLargeError } from '../../../lib/errors.ts';
import { errorResponse, jsonError, readBodyText } from '../../../lib/http.ts';
import { JSON_BODY, guardStateChange } from '../../../lib/request-guard.ts';
import { services } from '../../../lib/services.ts';
import { PublishRequestSchema, payloadText } from '../../../lib/validations/publish.ts';

export const dynamic = 'force-dynamic';

// Room for the JSON envelope around a payload at the limit; the payload itself is checked exactly.
const BODY_LIMIT = MAX_PAYLOAD_BYTES + 64 * 1024;

/**
 * POST /api/publish `{ topic, payload, schema?, force? }` — publishes a test event; answers `{ receivers }`,
 * with `conforms` (and `forced`) when checked against `schema`; 422 `{ error, errors }` when it violates.
 */
export async function POST(request: Request): Promise<Response> {
  try {
    guardStateChange(request, { accept: JSON_BODY });
    const text = await readBodyText(
      request,
      BODY_LIMIT,
      (bytes) => new PayloadTooLargeError(`The request is ${bytes} bytes; a payload may be at most 1 MB.`),
    );
    let body: unknown;
    try {
      body = JSON.parse(text);
    } catch {
      return jsonError(400, 'The body is not JSON: send { "topic": "orders", "payload": ... }.');
    }
    const parsed = PublishRequestSchema.safeParse(body);
    if (!parsed.success) return jsonError(400, parsed.error.issues.map((i) => i.message).join('; '));
    const { topic, payload, schema, force } = parsed.data;
    return Response.json(await services().publishing.publish({ topic, payload: payloadText(payload), schema, force }));
  } catch (error) {
    return errorResponse(error);
  }
}
