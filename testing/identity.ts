import type { FailureLimiter } from '../lib/auth/failure-limiter.ts';
import { createIdentity, type Identity } from '../lib/auth/identity.ts';
import type { PortalAuth } from '../lib/auth/auth.ts';
import type { AuthMode } from '../lib/env.ts';
import type { StoreClient } from '../prisma/db.ts';

/** The session secret of the tests: fixed, so a failure can be replayed. */
export const TEST_AUTH_SECRET = 'the-tests-session-secret-of-32-characters-at-least';

/**
 * The portal's identity on `db` in `mode`, as server.ts builds it; `anonymousRead` as `AUTH_ANONYMOUS_READ=true`.
 * @example const { identity, auth } = testIdentity(database.prisma, 'required');
 */
export function testIdentity(
  db: StoreClient,
  mode: AuthMode,
  limiter?: FailureLimiter,
  { anonymousRead = false }: { anonymousRead?: boolean } = {},
): { identity: Identity; auth: PortalAuth } {
  return createIdentity({ mode, db, secret: TEST_AUTH_SECRET, trustedOrigins: [], anonymousRead, ...(limiter ? { limiter } : {}) });
}

/**
 * The Cookie header a browser sends after `response` (a sign-in's answer): each cookie it sets, as name=value.
 * @example const cookie = cookieOf(await identity.handle(signInRequest));
 */
export function cookieOf(response: Response): string {
  return response.headers
    .getSetCookie()
    .map((c) => c.split(';')[0])
    .join('; ');
}
