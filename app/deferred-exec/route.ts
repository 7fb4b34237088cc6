import { auditContext } from '../../lib/audit/context.ts';
import { requireRole } from '../../lib/auth/actor.ts';
import { EDA_MASTER_CHANNEL } from '../../lib/broker/eda-queue.ts';
import { MAX_PAYLOAD_BYTES } from '../../lib/broker/publish.ts';
import { PayloadTooLargeError } from '../../lib/errors.ts';
import { errorResponse, readBody } from '../../lib/http.ts';
import { publishEntry } from '../../lib/publishing/schema-publisher.ts';
import { guardStateChange } from '../../lib/request-guard.ts';
import { services } from '../../lib/services.ts';

export const dynamic = 'force-dynamic';

/**
 * POST /deferred-exec — the seed system's deferred execution: the raw body is queued durably for
 * `npm run worker` and survives a worker that dies mid-task; audited as `event.defer` with the event's id. With
 * DEFERRED_MODE=eda it is PUBLISHed on `master` as the `eda` CLI did, for `eda consumer -d --master` to queue, and
 * audited as `event.publish` on `master`. Any Content-Type is taken, as by the seed system; only browser pages of
 * other sites are refused. Needs an editor.
 */
export async function POST(request: Request): Promise<Response> {
  try {
    guardStateChange(request, { allowedOrigins: services().allowedOrigins });
    const context = auditContext(request, await requireRole(request, 'editor'));
    const body = await readBody(
      request,
      MAX_PAYLOAD_BYTES,
      (bytes) => new PayloadTooLargeError(`The payload is ${bytes} bytes; the limit is 1 MB.`),
    );
    const { broker, audit } = services();
    if (broker.deferredMode === 'eda') {
      await audit.send(publishEntry(context, EDA_MASTER_CHANNEL, body, false), () => broker.deferOnMaster(body));
      return Response.json({ message: 'message queued for deferred execution' });
    }
    const id = await audit.defer(context, body.byteLength, {
      nextId: () => broker.nextDeferredId(),
      enqueue: (id) => broker.deferExecution(body, id),
      withdraw: (queued) => broker.withdrawDeferred(queued),
    });
    return Response.json({ message: 'message queued for deferred execution', id });
  } catch (error) {
    return errorResponse(error);
  }
}
