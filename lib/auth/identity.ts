import { randomBytes } from 'node:crypto';
import type { StoreClient } from '../../prisma/db.ts';
import { recordFailedSignIn } from '../audit/sign-in-audit.ts';
import type { AuthMode, Env } from '../env.ts';
import { AUTH_BASE_PATH, createPortalAuth, type PortalAuth } from './auth.ts';
import { createFailureLimiter, type FailureLimiter } from './failure-limiter.ts';
import { parseRole, type Actor } from './roles.ts';
import { isEmailSignIn, limitSignIn } from './sign-in.ts';

/** Sign-in and sessions as the route handlers use them (`services().identity`). */
export interface Identity {
  mode: AuthMode;
  /** AUTH=required only: whether signed-out requests may read (`AUTH_ANONYMOUS_READ`), as `requireReader` lets them. */
  anonymousRead: boolean;
  /** Answers a request under /api/auth (better-auth's endpoints), with email sign-in limited by failures. */
  handle(request: Request): Promise<Response>;
  /** The user whose session cookie the headers carry, or null when there is none, it expired or the user is deactivated. */
  sessionActor(headers: Headers): Promise<Actor | null>;
}

export interface IdentityOptions {
  mode: AuthMode;
  db: StoreClient;
  secret: string;
  publicUrl?: string;
  trustedOrigins: readonly string[];
  /** Whether signed-out requests may read (`AUTH_ANONYMOUS_READ`); false by default. */
  anonymousRead?: boolean;
  /** Failed sign-ins per address and email; ten a minute by default. */
  limiter?: FailureLimiter;
}

/**
 * The portal's identity: a better-auth instance on `db` and what the routes need of it.
 * @example const { identity, auth } = createIdentity({ mode: env.AUTH, db: database.prisma, secret, trustedOrigins: [] });
 */
export function createIdentity(options: IdentityOptions): { identity: Identity; auth: PortalAuth } {
  const auth = createPortalAuth(options);
  const limiter = options.limiter ?? createFailureLimiter();
  const identity: Identity = {
    mode: options.mode,
    anonymousRead: options.anonymousRead ?? false,
    handle: (request) =>
      isEmailSignIn(request, AUTH_BASE_PATH)
        ? limitSignIn(request, limiter, auth.handler, (attempt) => recordFailedSignIn(options.db, attempt))
        : auth.handler(request),
    async sessionActor(headers) {
      const session = await auth.api.getSession({ headers });
      if (!session || session.user.banned) return null;
      return { kind: 'user', id: session.user.id, name: session.user.name || session.user.email, role: parseRole(session.user.role) };
    },
  };
  return { identity, auth };
}

/**
 * The secret that signs session cookies: `AUTH_SECRET`, or in AUTH=local (where nobody needs to sign in) a
 * random one per process, so that sessions end with the process. readEnv requires AUTH_SECRET in AUTH=required.
 */
export function sessionSecret(env: Pick<Env, 'AUTH_SECRET'>): string {
  return env.AUTH_SECRET ?? randomBytes(32).toString('base64url');
}
