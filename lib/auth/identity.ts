import { randomBytes } from 'node:crypto';
import type { BetterAuthRateLimitStorage } from 'better-auth';
import type { StoreClient } from '../../prisma/db.ts';
import { recordFailedSignIn } from '../audit/sign-in-audit.ts';
import type { AuthMode, Env } from '../env.ts';
import { log } from '../log.ts';
import { AUTH_BASE_PATH, createPortalAuth, type PortalAuth } from './auth.ts';
import { createMemoryFailureLimiter, type FailureLimiter } from './failure-limiter.ts';
import { OIDC_PROVIDER_ID, withSignInRole, type OidcConfig, type OidcSignInOption } from './oidc.ts';
import { createRevocations, type Revocations } from './revocations.ts';
import { parseRole, type Actor } from './roles.ts';
import { isEmailSignIn, limitSignIn } from './sign-in.ts';
import { createApiTokens, type ApiTokens } from './tokens.ts';
import { createUserDirectory, type UserDirectory } from './users.ts';

/** A session cookie's user, as `identity.session` reads it. */
export interface SignedInSession {
  actor: Actor;
  sessionId: string;
  expiresAt: Date;
  mustChangePassword: boolean;
}

/** Sign-in and sessions as the route handlers use them (`services().identity`). */
export interface Identity {
  mode: AuthMode;
  /** AUTH=required only: whether signed-out requests may read (`AUTH_ANONYMOUS_READ`), as `requireReader` lets them. */
  anonymousRead: boolean;
  /** The OpenID provider people may sign in with besides email and password, when `OIDC_ISSUER` is set. */
  oidc?: OidcSignInOption;
  /** Answers a request under /api/auth (better-auth's endpoints), with email sign-in limited by failures. */
  handle(request: Request): Promise<Response>;
  /** The user whose session cookie the headers carry, or null when there is none, it expired or the user is deactivated. */
  sessionActor(headers: Headers): Promise<Actor | null>;
  /**
   * As `sessionActor`, with the session's id and expiry (for what stays open on it: a live socket), and whether the user
   * is still on an admin's one-time password, so may do nothing but choose their own (lib/auth/actor.ts refuses the rest).
   */
  session(headers: Headers): Promise<SignedInSession | null>;
  /** API tokens: made, listed, revoked and verified (`Authorization: Bearer`, the live handshake). */
  tokens: ApiTokens;
  /** Withdrawn tokens and deactivated users, for whatever they hold open (live sockets) to end at once. */
  revocations: Revocations;
  /** The users, for admins: the Users page and /api/users (lib/auth/users.ts). */
  users: UserDirectory;
}

export interface IdentityOptions {
  mode: AuthMode;
  db: StoreClient;
  secret: string;
  publicUrl?: string;
  trustedOrigins: readonly string[];
  /** Whether signed-out requests may read (`AUTH_ANONYMOUS_READ`); false by default. */
  anonymousRead?: boolean;
  /**
   * Failed sign-ins per address and email, ten a minute: server.ts gives the Redis one every instance shares
   * (`createRedisFailureLimiter`); by default one in this process's memory.
   */
  limiter?: FailureLimiter;
  /** Where better-auth counts requests per address and endpoint: Redis in server.ts; by default this process's memory. */
  rateLimitStorage?: BetterAuthRateLimitStorage;
  /** Sign-in with an OpenID Connect provider as well (`oidcConfig(env)`). */
  oidc?: OidcConfig;
  /** Where revocations are published; one of this process by default. */
  revocations?: Revocations;
}

/**
 * The portal's identity: a better-auth instance on `db` and what the routes need of it.
 * @example const { identity, auth } = createIdentity({ mode: env.AUTH, db: database.prisma, secret, trustedOrigins: [] });
 */
export function createIdentity(options: IdentityOptions): { identity: Identity; auth: PortalAuth } {
  const revocations = options.revocations ?? createRevocations((error) => log.error('a revocation listener failed', error));
  const auth = createPortalAuth({ ...options, onSessionEnded: (sessionId) => revocations.publish({ sessionId }) });
  const limiter = options.limiter ?? createMemoryFailureLimiter();
  const identity: Identity = {
    mode: options.mode,
    anonymousRead: options.anonymousRead ?? false,
    users: createUserDirectory(auth, options.db, revocations),
    ...(options.oidc ? { oidc: { providerId: OIDC_PROVIDER_ID, name: options.oidc.name } } : {}),
    handle: async (request) => {
      if (isProfileUpdate(request)) return profileUpdateRefused();
      return isEmailSignIn(request, AUTH_BASE_PATH)
        ? limitSignIn(request, limiter, auth.handler, (attempt) => recordFailedSignIn(options.db, attempt))
        : withSignInRole(() => auth.handler(request));
    },
    async sessionActor(headers) {
      return (await identity.session(headers))?.actor ?? null;
    },
    async session(headers) {
      const found = await auth.api.getSession({ headers });
      if (!found || found.user.banned) return null;
      const { user, session } = found;
      const actor: Actor = { kind: 'user', id: user.id, name: user.name || user.email, role: parseRole(user.role) };
      return { actor, sessionId: session.id, expiresAt: new Date(session.expiresAt), mustChangePassword: user.mustChangePassword === true };
    },
    tokens: createApiTokens({ db: options.db, revocations, refuseOwnerless: options.mode === 'required' }),
    revocations,
  };
  return { identity, auth };
}

/** better-auth's `/update-user`, where a signed-in user could rename themselves, and so pass as anyone in the audit log. */
function isProfileUpdate(request: Request): boolean {
  return new URL(request.url).pathname === `${AUTH_BASE_PATH}/update-user`;
}

function profileUpdateRefused(): Response {
  const error =
    'Names come from the sign-in (an admin, or the OpenID provider) and are shown in the audit log: they cannot be changed here.';
  return Response.json({ error }, { status: 403 });
}

/**
 * The secret that signs session cookies: `AUTH_SECRET`, or in AUTH=local (where nobody needs to sign in) a
 * random one per process, so that sessions end with the process. readEnv requires AUTH_SECRET in AUTH=required.
 */
export function sessionSecret(env: Pick<Env, 'AUTH_SECRET'>): string {
  return env.AUTH_SECRET ?? randomBytes(32).toString('base64url');
}
