import { auditContext } from '../../../lib/audit/context.ts';
import { ensureRole, requireRole } from '../../../lib/auth/actor.ts';
import { CreateTokenSchema } from '../../../lib/auth/token-input.ts';
import { PayloadTooLargeError } from '../../../lib/errors.ts';
import { errorResponse, readJson } from '../../../lib/http.ts';
import { JSON_BODY, guardStateChange } from '../../../lib/request-guard.ts';
import { services } from '../../../lib/services.ts';

export const dynamic = 'force-dynamic';

/** A name of 100 characters, each up to 4 bytes escaped as 12, and the rest of the object: far above any real body. */
const BODY_LIMIT = 4096;

/** GET /api/tokens — the tokens an editor made (every token, for an admin), newest first; never their text. */
export async function GET(request: Request): Promise<Response> {
  try {
    const actor = await requireRole(request, 'editor');
    return Response.json({ tokens: await services().identity.tokens.list(actor) });
  } catch (error) {
    return errorResponse(error);
  }
}

/**
 * POST /api/tokens `{ name, role, expiresInDays? }` — makes an API token and answers 201
 * `{ id, name, role, token, expiresAt }`: the only time its text is shown (only its hash is kept). Needs an
 * editor; a token's role is at most its maker's (403 `{ error, required }` above it).
 */
export async function POST(request: Request): Promise<Response> {
  try {
    guardStateChange(request, { allowedOrigins: services().allowedOrigins, accept: JSON_BODY });
    const actor = await requireRole(request, 'editor');
    const input = await readJson(request, CreateTokenSchema, {
      limit: BODY_LIMIT,
      tooLarge: (bytes) => new PayloadTooLargeError(`The body is ${bytes} bytes; a token request is at most ${BODY_LIMIT}.`),
      example: '{ "name": "ci-deploy", "role": "editor", "expiresInDays": 90 }',
    });
    // A token acts as its own role, so it can make no token above it either.
    ensureRole(actor, input.role);
    // The token's text is in this answer only: no cache may keep it.
    const created = await services().identity.tokens.create(actor, input, auditContext(request, actor).ip);
    return Response.json(created, { status: 201, headers: { 'Cache-Control': 'no-store' } });
  } catch (error) {
    return errorResponse(error);
  }
}
