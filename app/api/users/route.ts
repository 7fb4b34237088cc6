import { auditContext } from '../../../lib/audit/context.ts';
import { requireRole } from '../../../lib/auth/actor.ts';
import { PayloadTooLargeError } from '../../../lib/errors.ts';
import { errorResponse, readJson } from '../../../lib/http.ts';
import { JSON_BODY, guardStateChange } from '../../../lib/request-guard.ts';
import { services } from '../../../lib/services.ts';
import { InviteUserSchema } from '../../../lib/validations/users.ts';

export const dynamic = 'force-dynamic';

/** GET /api/users — every user with their role and whether they are active; admins only. */
export async function GET(request: Request): Promise<Response> {
  try {
    await requireRole(request, 'admin');
    return Response.json({ users: await services().identity.users.list() });
  } catch (error) {
    return errorResponse(error);
  }
}

/**
 * POST /api/users `{ email, name?, role }` — invites a user: 201 `{ user, password }`, the one-time password shown
 * only in this answer (the user chooses their own at first sign-in); admins only.
 */
export async function POST(request: Request): Promise<Response> {
  try {
    guardStateChange(request, { allowedOrigins: services().allowedOrigins, accept: JSON_BODY });
    const actor = await requireRole(request, 'admin');
    const input = await readJson(request, InviteUserSchema, {
      limit: 4096,
      tooLarge: (bytes) => new PayloadTooLargeError(`The request is ${bytes} bytes; send only { "email", "name"?, "role" }.`),
      example: '{ "email": "ed@example.com", "role": "editor" }',
    });
    const invited = await services().identity.users.invite(actor, input, auditContext(request, actor).ip);
    return Response.json(invited, { status: 201, headers: { 'Cache-Control': 'no-store' } });
  } catch (error) {
    return errorResponse(error);
  }
}
