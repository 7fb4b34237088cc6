import { randomBytes, randomInt } from 'node:crypto';
import { CLIENT_ADDRESS_HEADER } from '../lib/auth/client-address.ts';
import type { FailureLimiter } from '../lib/auth/failure-limiter.ts';
import { LOCAL_ACTOR, type Actor, type Role } from '../lib/auth/roles.ts';
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

/**
 * A new user of `role` on `identity`, invited by the admin `local`, signed in and past choosing their own password
 * (before that the portal refuses them everything else): their actor, and the Cookie header of their session, for
 * requests that need a person rather than a token (making tokens).
 * @example const editor = await signedInUser(services().identity, 'editor');
 */
export async function signedInUser(identity: Identity, role: Role): Promise<{ actor: Actor; cookie: string }> {
  const email = `${role}-${randomBytes(4).toString('hex')}@example.com`;
  const { user, password } = await identity.users.invite(LOCAL_ACTOR, { email, role });
  const signIn = await identity.handle(
    new Request('http://127.0.0.1:3000/api/auth/sign-in/email', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ email, password }),
    }),
  );
  if (signIn.status !== 200) throw new Error(`${email} could not sign in: HTTP ${signIn.status} ${await signIn.text()}`);
  const cookie = cookieOf(signIn);
  const changed = await identity.handle(
    new Request('http://127.0.0.1:3000/api/auth/change-password', {
      method: 'POST',
      // From an address of its own: better-auth allows 3 password changes per address in 10 s.
      headers: {
        'Content-Type': 'application/json',
        cookie,
        origin: 'http://127.0.0.1:3000',
        [CLIENT_ADDRESS_HEADER]: `198.51.100.${randomInt(1, 255)}`,
      },
      body: JSON.stringify({ currentPassword: password, newPassword: `${password}-own` }),
    }),
  );
  if (changed.status !== 200) throw new Error(`${email} could not choose a password: HTTP ${changed.status} ${await changed.text()}`);
  return { actor: { kind: 'user', id: user.id, name: user.name, role }, cookie };
}
