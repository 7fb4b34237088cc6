import { betterAuth } from 'better-auth';
import { prismaAdapter } from 'better-auth/adapters/prisma';
import { APIError } from 'better-auth/api';
import type { StoreClient } from '../../prisma/db.ts';
import { recordSignIn } from '../audit/sign-in-audit.ts';
import { log } from '../log.ts';
import { CLIENT_ADDRESS_HEADER } from './client-address.ts';
import { MIN_PASSWORD_LENGTH } from './password-policy.ts';
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
}

/**
 * The portal's better-auth: email and password on our Prisma client, no public sign-up (the bootstrap admin or
 * an admin creates users), a `role` and a `banned` flag on each user, httpOnly SameSite=Lax session cookies.
 * Sign-in's own limit per address and email is lib/auth/sign-in.ts's; better-auth limits the other endpoints.
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
    user: {
      additionalFields: {
        role: { type: 'string', required: false, defaultValue: DEFAULT_ROLE, input: false },
        banned: { type: 'boolean', required: false, defaultValue: false, input: false },
      },
    },
    databaseHooks: {
      session: {
        create: {
          // A deactivated user keeps their password but gets no new session.
          before: async (session) => {
            const user = await options.db.user.findUnique({ where: { id: session.userId }, select: { banned: true } });
            if (user?.banned) throw new APIError('FORBIDDEN', { message: 'This account is deactivated; ask an admin to reactivate it.' });
          },
          // Every new session is a sign-in, by password or OpenID Connect alike.
          after: (session) => recordSignIn(options.db, session),
        },
      },
    },
    rateLimit: {
      enabled: true,
      window: 60,
      max: 100,
      // Counted by failures, per address and per email, in lib/auth/sign-in.ts: better-auth counts every request per address.
      customRules: { '/sign-in/email': false },
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
