import { auditContext } from '../../../lib/audit/context.ts';
import { requireRole } from '../../../lib/auth/actor.ts';
import { MAX_PAYLOAD_BYTES, assertPublishable } from '../../../lib/broker/publish.ts';
import { PayloadTooLargeError } from '../../../lib/errors.ts';
import { errorResponse, readBody } from '../../../lib/http.ts';
import { guardStateChange } from '../../../lib/request-guard.ts';
import { publishEntry } from '../../../lib/publishing/schema-publisher.ts';
import { services } from '../../../lib/services.ts';

export const dynamic = 'force-dynamic';

/**
 * POST /topics/:topic — the seed system's publish endpoint: the raw body goes verbatim to Redis channel
 * `:topic`. Kept compatible so the `eda` CLI's clients work against the portal unchanged: any Content-Type
 * is taken, and only browser pages of other sites are refused. The topic rules, `master` reserved among them,
 * are the broker's (lib/validations/publish.ts), so every endpoint applies the same ones. Needs an editor; audited as
 * `event.publish` (lib/audit/sending.ts: no row without the publish, no publish without the row).
 */
export async function POST(request: Request, { params }: { params: Promise<{ topic: string[] }> }): Promise<Response> {
  try {
    guardStateChange(request, { allowedOrigins: services().allowedOrigins });
    const context = auditContext(request, await requireRole(request, 'editor'));
    const topic = (await params).topic.join('/');
    const body = await readBody(
      request,
      MAX_PAYLOAD_BYTES,
      (bytes) => new PayloadTooLargeError(`The payload is ${bytes} bytes; the limit is 1 MB.`),
    );
    assertPublishable(topic, body); // a topic the broker refuses opens no audit transaction
    const { broker, audit } = services();
    await audit.send(publishEntry(context, topic, body, false), () => broker.publish(topic, body));
    return Response.json({ message: 'message published' });
  } catch (error) {
    return errorResponse(error);
  }
}
