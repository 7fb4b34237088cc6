import { auditContext } from '../../../lib/audit/context.ts';
import { requireRole } from '../../../lib/auth/actor.ts';
import { MAX_PAYLOAD_BYTES } from '../../../lib/broker/publish.ts';
import { PayloadTooLargeError } from '../../../lib/errors.ts';
import { errorResponse, readJson } from '../../../lib/http.ts';
import { JSON_BODY, guardStateChange } from '../../../lib/request-guard.ts';
import { services } from '../../../lib/services.ts';
import { PublishRequestSchema, payloadText } from '../../../lib/validations/publish.ts';

export const dynamic = 'force-dynamic';

// Room for the JSON envelope around a payload at the limit; the payload itself is checked exactly.
const BODY_LIMIT = MAX_PAYLOAD_BYTES + 64 * 1024;

/**
 * POST /api/publish `{ topic, payload, schema?, force? }` — publishes a test event; answers `{ receivers }`,
 * with `conforms` (and `forced`) when checked against `schema`, and `encoding: 'avro-binary'` with `bytes` when a
 * binary Avro message's payload, typed in Avro JSON, was sent encoded; 422 `{ error, errors }` when it violates,
 * 422 `{ error, issues }` for a body that does not match `PublishRequestSchema`. Needs an editor.
 */
export async function POST(request: Request): Promise<Response> {
  try {
    guardStateChange(request, { allowedOrigins: services().allowedOrigins, accept: JSON_BODY });
    const context = auditContext(request, await requireRole(request, 'editor'));
    const { topic, payload, schema, force } = await readJson(request, PublishRequestSchema, {
      limit: BODY_LIMIT,
      tooLarge: (bytes) => new PayloadTooLargeError(`The request is ${bytes} bytes; a payload may be at most 1 MB.`),
      example: '{ "topic": "orders", "payload": ... }',
    });
    return Response.json(await services().publishing.publish({ topic, payload: payloadText(payload), schema, force }, context));
  } catch (error) {
    return errorResponse(error);
  }
}
