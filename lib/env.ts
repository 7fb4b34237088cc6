import { z } from 'zod';
import { COMPATIBILITY_MODES, DEFAULT_COMPATIBILITY } from '../asyncapi/compatibility.ts';
import { DEFAULT_REDIS_URL, parseClusterNodes, type BrokerTarget } from './broker/target.ts';
import { DEFAULT_CLIENT_BUFFER_BYTES } from './live/client-queue.ts';
import { DEFAULT_INBOX_BYTES } from './live/inbox.ts';
import { DEFAULT_LIVE_LIMITS, type LiveLimits } from './live/limits.ts';
import { DEFAULT_HISTORY_BOUNDS, type HistoryBounds } from './traffic/history-entry.ts';
import type { OidcConfig } from './auth/oidc.ts';
import { MIN_PASSWORD_LENGTH } from './auth/password-policy.ts';
import { parseTrustedProxies } from './auth/trusted-proxies.ts';
import { isLoopbackHost } from './loopback.ts';
import { normalizeOrigin } from './origin.ts';

/** `local`: no sign-in, everyone acts as the admin `local`; `required`: people sign in and act with their role. */
export type AuthMode = 'local' | 'required';

/** A whole number of at least 1, such as a limit, given in decimal digits. */
function positiveInt(fallback: number) {
  return z
    .string()
    .regex(/^[0-9]{1,15}$/, 'must be a whole number such as 1000')
    .transform(Number)
    .pipe(z.number().int().min(1, 'must be at least 1'))
    .default(fallback);
}

/** A setting of at most `max` printable characters. */
function printable(name: string, max: number) {
  return z
    .string()
    .max(max, `${name} must be at most ${max} characters`)
    .regex(/^[^\u0000-\u001f\u007f]*$/, `${name} must not contain control characters`);
}

/** Comma-separated claim values, such as `portal-admins, realm-admin`; empty by default. */
function claimValueList(name: string) {
  return printable(name, 4096)
    .default('')
    .transform((text) =>
      text
        .split(',')
        .map((item) => item.trim())
        .filter(Boolean),
    );
}

/** How POST /deferred-exec defers (DEFERRED_MODE). */
export const DEFERRED_MODES = ['stream', 'eda'] as const;
export type DeferredMode = (typeof DEFERRED_MODES)[number];

/** The OpenID issuer: an https URL, or http on loopback (a provider on this machine, as the tests start). */

const OidcIssuer = printable('OIDC_ISSUER', 2048).transform((text, context) => {
  const url = URL.canParse(text) ? new URL(text) : null;
  const secure = url?.protocol === 'https:' || (url?.protocol === 'http:' && isLoopbackHost(url.hostname));
  if (!url || !secure || url.search !== '' || url.hash !== '' || url.username !== '' || url.password !== '') {
    context.addIssue({
      code: 'custom',
      message: `OIDC_ISSUER must be the provider's issuer URL, https (http only on loopback) without query, such as https://login.example.com/realms/staff, not ${JSON.stringify(text)}`,
    });
    return z.NEVER;
  }
  return text;
});

const MAX_HISTORY_BYTES = 4 * 1024 ** 3;
const MAX_HISTORY_AGE_SECONDS = 7 * 24 * 3600;
const MAX_HISTORY_MESSAGE_BYTES = 1024 * 1024;

const EnvSchema = z.object({
  HOST: z.string().min(1).default('127.0.0.1'),
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, 'DATABASE_URL must be a postgres:// or postgresql:// URL; leave it unset for the embedded database')
    .optional(),
  PGLITE_DIR: z.string().min(1).default('.data/pglite'),
  // One server (REDIS_URL, by default redis://localhost:6379) or a Redis Cluster (REDIS_CLUSTER_NODES): see brokerTarget.
  REDIS_URL: z
    .string()
    .regex(/^rediss?:\/\//, 'REDIS_URL must be a redis:// or rediss:// URL')
    .optional(),
  REDIS_CLUSTER_NODES: z
    .string()
    .optional()
    .transform((text, context) => {
      if (text === undefined) return undefined;
      const parsed = parseClusterNodes(text);
      if ('nodes' in parsed) return parsed.nodes;
      context.addIssue({
        code: 'custom',
        message: `REDIS_CLUSTER_NODES must be comma-separated host:port seed nodes like 10.0.0.1:7000,10.0.0.2:7000, not ${parsed.invalid.map((b) => JSON.stringify(b)).join(', ') || 'an empty list'}`,
      });
      return z.NEVER;
    }),
  // The pattern the portal always follows to count and check traffic; the only variable where empty means something (off).
  OBSERVE_PATTERN: z
    .string()
    .max(1024, 'OBSERVE_PATTERN must be at most 1024 characters')
    .regex(/^[^\u0000-\u001f\u007f]*$/, 'OBSERVE_PATTERN must not contain control characters')
    .default('*'),
  // Origins besides the portal's own whose pages may change state or follow the broker (see lib/origin.ts).
  ALLOWED_ORIGINS: z
    .string()
    .default('')
    .transform((text, context) => {
      const items = text
        .split(',')
        .map((item) => item.trim())
        .filter(Boolean);
      const origins = items.map(normalizeOrigin);
      const bad = items.filter((_, i) => origins[i] === null);
      if (bad.length > 0) {
        context.addIssue({
          code: 'custom',
          message: `ALLOWED_ORIGINS must be comma-separated origins like https://portal.example.com, not ${bad.map((b) => JSON.stringify(b)).join(', ')}`,
        });
        return z.NEVER;
      }
      return origins.filter((origin) => origin !== null);
    }),
  // The address people open the portal at, behind a proxy or on another machine; browsers may ask for its host.
  PUBLIC_URL: z
    .string()
    .optional()
    .transform((text, context) => {
      if (text === undefined) return undefined;
      const origin = normalizeOrigin(text.replace(/\/$/, ''));
      if (origin === null) {
        context.addIssue({
          code: 'custom',
          message: `PUBLIC_URL must be an http(s) origin like https://portal.example.com, not ${JSON.stringify(text)}`,
        });
        return z.NEVER;
      }
      return origin;
    }),
  // The load balancers in front of the portal, whose X-Forwarded-For names the client (see lib/auth/forwarded-for.ts).
  TRUSTED_PROXIES: printable('TRUSTED_PROXIES', 4096)
    .default('')
    .transform((text, context) => {
      const parsed = parseTrustedProxies(text);
      if ('proxies' in parsed) return parsed.proxies;
      context.addIssue({
        code: 'custom',
        message: `TRUSTED_PROXIES must be comma-separated addresses or CIDR ranges of your proxies, such as 127.0.0.1,10.0.0.0/8,::1 (not /0), not ${parsed.invalid.map((b) => JSON.stringify(b)).join(', ')}`,
      });
      return z.NEVER;
    }),
  LIVE_MAX_PATTERN_LENGTH: positiveInt(DEFAULT_LIVE_LIMITS.maxPatternLength),
  LIVE_MAX_PATTERNS_PER_CLIENT: positiveInt(DEFAULT_LIVE_LIMITS.maxPatternsPerClient),
  LIVE_MAX_PATTERNS: positiveInt(DEFAULT_LIVE_LIMITS.maxPatterns),
  LIVE_MAX_PATTERNS_PER_KEY: positiveInt(DEFAULT_LIVE_LIMITS.maxPatternsPerKey),
  LIVE_MAX_CONNECTIONS_PER_ADDRESS: positiveInt(DEFAULT_LIVE_LIMITS.maxConnectionsPerAddress),
  LIVE_CLIENT_BUFFER_BYTES: positiveInt(DEFAULT_CLIENT_BUFFER_BYTES),
  LIVE_INBOX_BYTES: positiveInt(DEFAULT_INBOX_BYTES),
  // Recent traffic kept in Redis (README "Recent traffic"): its bytes, its age and each message's payload.
  HISTORY_MAX_BYTES: positiveInt(DEFAULT_HISTORY_BOUNDS.maxBytes).pipe(
    z.number().max(MAX_HISTORY_BYTES, `HISTORY_MAX_BYTES must be at most ${MAX_HISTORY_BYTES} (4 GiB)`),
  ),
  HISTORY_MAX_AGE_SECONDS: positiveInt(DEFAULT_HISTORY_BOUNDS.maxAgeMs / 1000).pipe(
    z.number().max(MAX_HISTORY_AGE_SECONDS, `HISTORY_MAX_AGE_SECONDS must be at most ${MAX_HISTORY_AGE_SECONDS} (7 days)`),
  ),
  HISTORY_MESSAGE_BYTES: positiveInt(DEFAULT_HISTORY_BOUNDS.messageBytes).pipe(
    z.number().max(MAX_HISTORY_MESSAGE_BYTES, `HISTORY_MESSAGE_BYTES must be at most ${MAX_HISTORY_MESSAGE_BYTES} (1 MiB)`),
  ),
  SEED: z
    .enum(['true', 'false'])
    .default('true')
    .transform((v) => v === 'true'),
  NODE_ENV: z.enum(['development', 'production', 'test']).default('production'),
  // How POST /deferred-exec defers: the portal's durable stream (lib/broker/deferred-queue.ts), or as the `eda` CLI did,
  // a PUBLISH on `master` for `eda consumer -d --master` to push onto the list `message:queue` (lib/broker/eda-queue.ts).
  DEFERRED_MODE: z.enum(DEFERRED_MODES, { error: `DEFERRED_MODE must be one of ${DEFERRED_MODES.join(', ')}` }).default('stream'),
  // The compatibility mode of documents without one of their own (asyncapi/compatibility.ts).
  COMPATIBILITY: z
    .enum(COMPATIBILITY_MODES, { error: `COMPATIBILITY must be one of ${COMPATIBILITY_MODES.join(', ')}` })
    .default(DEFAULT_COMPATIBILITY),
  // Identity (lib/auth/): whether people sign in, and the first admin. See authMode for the default.
  AUTH: z.enum(['local', 'required'], { error: 'AUTH must be local or required' }).optional(),
  AUTH_SECRET: z.string().min(32, 'AUTH_SECRET must be at least 32 characters: generate one with `openssl rand -base64 32`').optional(),
  ADMIN_EMAIL: z.email('ADMIN_EMAIL must be an email address').optional(),
  ADMIN_PASSWORD: z.string().min(MIN_PASSWORD_LENGTH, `ADMIN_PASSWORD must be at least ${MIN_PASSWORD_LENGTH} characters`).optional(),
  AUTH_ANONYMOUS_READ: z
    .enum(['true', 'false'])
    .default('false')
    .transform((v) => v === 'true'),
  // Sign-in with an OpenID Connect provider (lib/auth/oidc.ts): all of issuer, client id and secret, or none.
  OIDC_ISSUER: OidcIssuer.optional(),
  OIDC_CLIENT_ID: printable('OIDC_CLIENT_ID', 1024).optional(),
  OIDC_CLIENT_SECRET: printable('OIDC_CLIENT_SECRET', 1024).optional(),
  OIDC_NAME: printable('OIDC_NAME', 64).optional(),
  OIDC_ROLE_CLAIM: printable('OIDC_ROLE_CLAIM', 256)
    .regex(/^\S+$/, 'OIDC_ROLE_CLAIM must be a claim name or dotted path without spaces, such as realm_access.roles')
    .optional(),
  OIDC_ADMIN_VALUES: claimValueList('OIDC_ADMIN_VALUES'),
  OIDC_EDITOR_VALUES: claimValueList('OIDC_EDITOR_VALUES'),
});

/** The configuration with `AUTH` resolved: `local` or `required`, never absent. */
export type Env = Omit<z.infer<typeof EnvSchema>, 'AUTH'> & { AUTH: AuthMode };

export class EnvError extends Error {
  constructor(issues: string[]) {
    super(`Invalid configuration:\n${issues.map((i) => `  - ${i}`).join('\n')}`);
    this.name = 'EnvError';
  }
}

/**
 * Reads and validates the configuration once; empty variables count as unset, except OBSERVE_PATTERN.
 * @example const env = readEnv(process.env);
 */
export function readEnv(source: Record<string, string | undefined> = process.env): Env {
  const present = Object.fromEntries(Object.entries(source).filter(([k, v]) => v !== undefined && (v !== '' || k === 'OBSERVE_PATTERN')));
  const parsed = EnvSchema.safeParse(present);
  if (!parsed.success) {
    throw new EnvError(parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`));
  }
  if (parsed.data.REDIS_URL !== undefined && parsed.data.REDIS_CLUSTER_NODES !== undefined) {
    throw new EnvError(['REDIS_CLUSTER_NODES: set REDIS_URL for one Redis server or REDIS_CLUSTER_NODES for a Redis Cluster, not both.']);
  }
  if (parsed.data.HISTORY_MESSAGE_BYTES > parsed.data.HISTORY_MAX_BYTES) {
    throw new EnvError(['HISTORY_MESSAGE_BYTES: one message may not hold more than the whole history: keep it at most HISTORY_MAX_BYTES.']);
  }
  const AUTH = authMode(parsed.data);
  checkOidc({ ...parsed.data, AUTH });
  return { ...parsed.data, AUTH };
}

/**
 * The identity mode: `AUTH` when given, else `local` on a loopback HOST and `required` elsewhere. Refuses
 * `local` off loopback (everyone on the network would be an admin), `required` without `AUTH_SECRET`, and
 * one of `ADMIN_EMAIL` / `ADMIN_PASSWORD` without the other.
 */
function authMode(env: z.infer<typeof EnvSchema>): AuthMode {
  const mode = env.AUTH ?? (isLoopbackHost(env.HOST) ? 'local' : 'required');
  const issues: string[] = [];
  if (mode === 'local' && !isLoopbackHost(env.HOST)) {
    issues.push(
      `AUTH: AUTH=local serves everyone as admin; off loopback (HOST=${env.HOST}) set AUTH=required, AUTH_SECRET and ` +
        'ADMIN_EMAIL + ADMIN_PASSWORD for the first admin, or bind to HOST=127.0.0.1.',
    );
  }
  if (mode === 'required' && env.AUTH_SECRET === undefined) {
    issues.push("AUTH_SECRET: AUTH=required signs sessions with AUTH_SECRET: set it to `openssl rand -base64 32`'s output.");
  }
  if ((env.ADMIN_EMAIL === undefined) !== (env.ADMIN_PASSWORD === undefined)) {
    issues.push('ADMIN_EMAIL: set both ADMIN_EMAIL and ADMIN_PASSWORD to create the first admin, or neither.');
  }
  if (issues.length > 0) throw new EnvError(issues);
  return mode;
}

const OIDC_CLIENT = ['OIDC_ISSUER', 'OIDC_CLIENT_ID', 'OIDC_CLIENT_SECRET'] as const;
const OIDC_EXTRAS = ['OIDC_NAME', 'OIDC_ROLE_CLAIM'] as const;

/**
 * Refuses half an OpenID Connect set-up: issuer, client id and secret come together, need AUTH=required (nobody
 * signs in otherwise) and PUBLIC_URL (the callback address registered at the provider), and the other OIDC_
 * settings mean nothing without them.
 */
function checkOidc(env: Env): void {
  const given = OIDC_CLIENT.filter((name) => env[name] !== undefined);
  const issues: string[] = [];
  if (given.length > 0 && given.length < OIDC_CLIENT.length) {
    const missing = OIDC_CLIENT.filter((name) => env[name] === undefined);
    issues.push(
      `${missing[0]}: set all of ${OIDC_CLIENT.join(', ')} to sign in with OpenID Connect, or none (missing ${missing.join(', ')}).`,
    );
  } else if (given.length === 0) {
    const stray = [
      ...OIDC_EXTRAS.filter((name) => env[name] !== undefined),
      ...(['OIDC_ADMIN_VALUES', 'OIDC_EDITOR_VALUES'] as const).filter((name) => env[name].length > 0),
    ];
    if (stray.length > 0) issues.push(`${stray[0]}: ${stray.join(', ')} need OIDC_ISSUER, OIDC_CLIENT_ID and OIDC_CLIENT_SECRET.`);
  } else {
    if (env.AUTH !== 'required')
      issues.push('OIDC_ISSUER: sign-in with OpenID Connect needs AUTH=required (with AUTH=local nobody signs in).');
    if (env.PUBLIC_URL === undefined) {
      issues.push(
        'PUBLIC_URL: OpenID Connect sends people back to PUBLIC_URL/api/auth/callback/oidc: set PUBLIC_URL and register that address at the provider.',
      );
    }
  }
  if (issues.length > 0) throw new EnvError(issues);
}

/**
 * The OpenID Connect sign-in `OIDC_*` configure, or undefined when OIDC_ISSUER is unset. The button says
 * "Sign in with OIDC_NAME", by default the issuer's host; the role comes from OIDC_ROLE_CLAIM (`roles` by default).
 * @example oidcConfig(readEnv())?.issuer // 'https://login.example.com/realms/staff'
 */
export function oidcConfig(env: Env): OidcConfig | undefined {
  if (env.OIDC_ISSUER === undefined || env.OIDC_CLIENT_ID === undefined || env.OIDC_CLIENT_SECRET === undefined) return undefined;
  return {
    issuer: env.OIDC_ISSUER,
    clientId: env.OIDC_CLIENT_ID,
    clientSecret: env.OIDC_CLIENT_SECRET,
    name: env.OIDC_NAME ?? new URL(env.OIDC_ISSUER).host,
    roles: { claim: env.OIDC_ROLE_CLAIM ?? 'roles', adminValues: env.OIDC_ADMIN_VALUES, editorValues: env.OIDC_EDITOR_VALUES },
  };
}

/**
 * The broker to connect to: the Redis Cluster REDIS_CLUSTER_NODES seeds, else the server at REDIS_URL.
 * @example brokerTarget(readEnv({ REDIS_CLUSTER_NODES: '10.0.0.1:7000' })) // { kind: 'cluster', nodes: [{ host: '10.0.0.1', port: 7000 }] }
 */
export function brokerTarget(env: Pick<Env, 'REDIS_URL' | 'REDIS_CLUSTER_NODES'>): BrokerTarget {
  if (env.REDIS_CLUSTER_NODES) return { kind: 'cluster', nodes: env.REDIS_CLUSTER_NODES };
  return { kind: 'server', url: env.REDIS_URL ?? DEFAULT_REDIS_URL };
}

const WILDCARD_HOSTS = new Set(['0.0.0.0', '::', '[::]']);

/**
 * The origins whose pages may change state and open the live tail, and whose hosts browsers may ask for:
 * ALLOWED_ORIGINS, PUBLIC_URL, and the HOST the portal listens on when it names one address.
 * @example trustedOrigins(readEnv({ HOST: '10.0.0.5', PORT: '3000' })) // ['http://10.0.0.5:3000']
 */
export function trustedOrigins(env: Pick<Env, 'ALLOWED_ORIGINS' | 'PUBLIC_URL' | 'HOST' | 'PORT'>): string[] {
  const listening = WILDCARD_HOSTS.has(env.HOST)
    ? null
    : normalizeOrigin(`http://${env.HOST.includes(':') ? `[${env.HOST}]` : env.HOST}:${env.PORT}`);
  return [...new Set([...env.ALLOWED_ORIGINS, ...(env.PUBLIC_URL ? [env.PUBLIC_URL] : []), ...(listening ? [listening] : [])])];
}

/** The live tail's limits as configured. */
export function liveLimits(env: Env): LiveLimits {
  return {
    maxPatternLength: env.LIVE_MAX_PATTERN_LENGTH,
    maxPatternsPerClient: env.LIVE_MAX_PATTERNS_PER_CLIENT,
    maxPatterns: env.LIVE_MAX_PATTERNS,
    maxPatternsPerKey: env.LIVE_MAX_PATTERNS_PER_KEY,
    maxConnectionsPerAddress: env.LIVE_MAX_CONNECTIONS_PER_ADDRESS,
  };
}

/** The bounds of the recent traffic kept in Redis, as configured. */
export function historyBounds(env: Env): HistoryBounds {
  return { maxBytes: env.HISTORY_MAX_BYTES, maxAgeMs: env.HISTORY_MAX_AGE_SECONDS * 1000, messageBytes: env.HISTORY_MESSAGE_BYTES };
}
