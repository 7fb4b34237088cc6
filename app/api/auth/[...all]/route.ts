import { errorResponse } from '../../../../lib/http.ts';
import { guardStateChange } from '../../../../lib/request-guard.ts';
import { services } from '../../../../lib/services.ts';

export const dynamic = 'force-dynamic';

/** GET /api/auth/* — better-auth's reads, such as /api/auth/get-session. */
export async function GET(request: Request): Promise<Response> {
  try {
    return await services().identity.handle(request);
  } catch (error) {
    return errorResponse(error);
  }
}

/**
 * POST /api/auth/* — better-auth's actions: /sign-in/email with `{ email, password }` sets the session cookie,
 * /sign-out ends it. Pages of other sites are refused here as on every state change (lib/request-guard.ts).
 */
export async function POST(request: Request): Promise<Response> {
  try {
    guardStateChange(request, { allowedOrigins: services().allowedOrigins });
    return await services().identity.handle(request);
  } catch (error) {
    return errorResponse(error);
  }
}
