import { auditContext } from '../../../../lib/audit/context.ts';
import { requireRole } from '../../../../lib/auth/actor.ts';
import { PayloadTooLargeError } from '../../../../lib/errors.ts';
import { errorResponse, readJson } from '../../../../lib/http.ts';
import { JSON_BODY, guardStateChange } from '../../../../lib/request-guard.ts';
import { services } from '../../../../lib/services.ts';
import { UserChangeSchema } from '../../../../lib/validations/users.ts';

export const dynamic = 'force-dynamic';

type Params = { params: Promise<{ id: string }> };

/**
 * PATCH /api/users/:id `{ role?, active? }` — changes a user's role, deactivates them (`active: false`, which ends
 * their sessions at once) or reactivates them; answers the user. Admins only; 409 for the last active admin.
 */
export async function PATCH(request: Request, { params }: Params): Promise<Response> {
  try {
    guardStateChange(request, { allowedOrigins: services().allowedOrigins, accept: JSON_BODY });
    const actor = await requireRole(request, 'admin');
    const { id } = await params;
    const change = await readJson(request, UserChangeSchema, {
      limit: 4096,
      tooLarge: (bytes) => new PayloadTooLargeError(`The request is ${bytes} bytes; send only { "role"?, "active"? }.`),
      example: '{ "role": "editor" } or { "active": false }',
    });
    return Response.json(await services().identity.users.change(actor, id, change, auditContext(request, actor).ip));
  } catch (error) {
    return errorResponse(error);
  }
}
