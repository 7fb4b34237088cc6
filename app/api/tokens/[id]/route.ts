import { auditContext } from '../../../../lib/audit/context.ts';
import { requireRole } from '../../../../lib/auth/actor.ts';
import { errorResponse } from '../../../../lib/http.ts';
import { guardStateChange } from '../../../../lib/request-guard.ts';
import { services } from '../../../../lib/services.ts';
import { refuseNul } from '../../../../lib/text-input.ts';

export const dynamic = 'force-dynamic';

/**
 * DELETE /api/tokens/:id — revokes the token at once (its live sockets are closed) and answers it as listed.
 * Needs an editor, who may revoke their own tokens; an admin may revoke any. 404 for any other id.
 */
export async function DELETE(request: Request, { params }: { params: Promise<{ id: string }> }): Promise<Response> {
  try {
    guardStateChange(request, { allowedOrigins: services().allowedOrigins });
    const actor = await requireRole(request, 'editor');
    const { id } = await params;
    refuseNul('The token id', id);
    return Response.json(await services().identity.tokens.revoke(actor, id, auditContext(request, actor).ip));
  } catch (error) {
    return errorResponse(error);
  }
}
