import { betterAuth, type BetterAuthRateLimitStorage } from 'better-auth';
import { prismaAdapter } from 'better-auth/adapters/prisma';
import { APIError } from 'better-auth/api';
import type { StoreClient } from '../../prisma/db.ts';
import { log } from '../log.ts';
import { CLIENT_ADDRESS_HEADER } from './client-address.ts';
import { OIDC_CALLBACK_PATH, oidcGuard, oidcPlugin, signInRole, type OidcConfig } from './oidc.ts';
import { MIN_PASSWORD_LENGTH } from './password-policy.ts';
import { recordSignIn } from './sign-in-record.ts';
import { DEFAULT_ROLE } from './roles.ts';

/** Where better-auth's endpoints are mounted (app/api/auth/[...all]/route.ts). */
export const AUTH_BASE_PATH = '/api/auth';

export interface PortalAuthOptions {
  db: StoreClient;
  /** Signs session cookies: `AUTH_SECRET`, or one made up per process in local mode. */
  secret: string;
  /** `PUBLIC_URL`: the portal's address, whose scheme decides whether cookies are `Secure`. */
  publicUrl?: string;
  /** Origins whose pages may call the endpoints (`trustedOrigins(env)`); the request's own is always trusted. */
  trustedOrigins: readonly string[];
  /** Sign-in with an OpenID Connect provider as well (`OIDC_*`), whose claim gives the role at every sign-in. */
  oidc?: OidcConfig;
  /**
   * Where better-auth counts requests per address and endpoint: Redis in server.ts (`createRedisRateLimitStorage`), so
   * every instance shares the counts; by default this process's memory.
   */
  rateLimitStorage?: BetterAuthRateLimitStorage;
  /** Told of each session that ends before it expires (sign-out, a password change ending the others), by its id. */
  onSessionEnded?: (sessionId: string) => void;
}

/**
 * The portal's better-auth: email and password on our Prisma client, no public sign-up (the bootstrap admin or
 * an admin creates users), a `role` and a `banned` flag on each user, httpOnly SameSite=Lax session cookies.
 * Sign-in's own limit per address and email is lib/auth/sign-in.ts's; better-auth limits the other endpoints.
 * With `oidc`, people may also sign in at the OpenID provider (lib/auth/oidc.ts): a first sign-in creates the user,
 * one with a known email links to them when the provider vouches for the email, and every sign-in sets the role.
 * @example const auth = createPortalAuth({ db: database.prisma, secret: env.AUTH_SECRET, trustedOrigins: [] });
 */
export function createPortalAuth(options: PortalAuthOptions) {
  return betterAuth({
    appName: 'Event Portal',
    basePath: AUTH_BASE_PATH,
    ...(options.publicUrl ? { baseURL: options.publicUrl } : {}),
    secret: options.secret,
    trustedOrigins: [...options.trustedOrigins],
    database: prismaAdapter(options.db, { provider: 'postgresql', transaction: true }),
    emailAndPassword: { enabled: true, disableSignUp: true, minPasswordLength: MIN_PASSWORD_LENGTH },
    ...(options.oidc
      ? {
          plugins: [oidcPlugin(options.oidc, options.publicUrl ? `${options.publicUrl}${OIDC_CALLBACK_PATH}` : undefined)],
          hooks: { before: oidcGuard(options.oidc) },
          // An admin-made user of the same email gets the provider's account only when the provider says it verified it.
          account: { accountLinking: { enabled: true, requireLocalEmailVerified: false, trustedProviders: [] } },
          // A callback that fails before its state is read (no state, a stale one) lands on the sign-in page too.
          onAPIError: { errorURL: '/login' },
        }
      : {}),
    user: {
      additionalFields: {
        role: { type: 'string', required: false, defaultValue: DEFAULT_ROLE, input: false },
        banned: { type: 'boolean', required: false, defaultValue: false, input: false },
        // Sign-in answers with it, so the login form can send the user to /account to choose their own password.
        mustChangePassword: { type: 'boolean', required: false, defaultValue: false, input: false },
      },
    },
    databaseHooks: {
      account: {
        update: {
          // Only /change-password (and a reset) writes a credential account: the one-time password is gone.
          after: async (account) => {
            if (account.providerId !== 'credential') return;
            await options.db.user.updateMany({
              where: { id: account.userId, mustChangePassword: true },
              data: { mustChangePassword: false },
            });
          },
        },
      },
      session: {
        delete: {
          after: (session) => {
            options.onSessionEnded?.(session.id);
            return Promise.resolve();
          },
        },
        create: {
          // A deactivated user keeps their password (or provider account) but gets no new session.
          // Read through better-auth’s adapter, which joins its open transaction (change-password makes a
          // session in one): a query beside it would wait for it on PGlite's single connection until it times out.
          before: async (session, context) => {
            const user = context
              ? await context.context.internalAdapter.findUserById(session.userId)
              : await options.db.user.findUnique({ where: { id: session.userId }, select: { banned: true } });
            if (user && 'banned' in user && user.banned === true) {
              throw new APIError('FORBIDDEN', {
                code: 'ACCOUNT_DEACTIVATED',
                message: 'This account is deactivated; ask an admin to reactivate it.',
              });
            }
          },
          // Every new session is a sign-in, by password or OpenID Connect alike. better-auth runs this after its own
          // transaction, so ours can set the role the OpenID provider's claims give (its source of truth) with its audit row.
          // A password change makes a new session for the same person (revokeOtherSessions): not a sign-in.
          after: async (session, context) => {
            if (context?.path === '/change-password') return;
            await recordSignIn(options.db, session, signInRole());
          },
        },
      },
    },
    rateLimit: {
      enabled: true,
      window: 60,
      max: 100,
      // Counted by failures, per address and per email, in lib/auth/sign-in.ts: better-auth counts every request per address.
      customRules: { '/sign-in/email': false },
      ...(options.rateLimitStorage ? { customStorage: options.rateLimitStorage } : {}),
    },
    advanced: {
      cookiePrefix: 'portal',
      useSecureCookies: options.publicUrl?.startsWith('https://') ?? false,
      defaultCookieAttributes: { httpOnly: true, sameSite: 'lax' },
      ipAddress: { ipAddressHeaders: [CLIENT_ADDRESS_HEADER] },
    },
    // Its warnings are one per failed sign-in and a reminder that baseURL follows the request (as we mean it to).
    logger: {
      level: 'error',
      log: (_level, message, ...args) =>
        log.error(
          `better-auth: ${message}`,
          args.find((a) => a instanceof Error),
        ),
    },
    telemetry: { enabled: false },
  });
}

/** The portal's better-auth instance. */
export type PortalAuth = ReturnType<typeof createPortalAuth>;
