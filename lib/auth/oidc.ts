import { AsyncLocalStorage } from 'node:async_hooks';
import { APIError, createAuthMiddleware } from 'better-auth/api';
import { genericOAuth } from 'better-auth/plugins/generic-oauth';
import { roleFromClaims, type OidcRoleMapping } from './oidc-roles.ts';
import type { Role } from './roles.ts';

/** The id of the portal's one OpenID provider in better-auth: sign-in posts `{ provider: 'oidc' }`. */
export const OIDC_PROVIDER_ID = 'oidc';

/** Where the provider sends people back, under the portal's `/api/auth`: register PUBLIC_URL + this at the provider. */
export const OIDC_CALLBACK_PATH = `/api/auth/callback/${OIDC_PROVIDER_ID}`;

/** Sign-in with an OpenID Connect provider, from `OIDC_*` (see `oidcConfig` in lib/env.ts). */
export interface OidcConfig {
  /** The issuer identifier, such as `https://keycloak.example.com/realms/staff`; its discovery document names the endpoints. */
  issuer: string;
  clientId: string;
  clientSecret: string;
  /** The button's label: "Sign in with <name>". */
  name: string;
  roles: OidcRoleMapping;
}

/** What the sign-in page needs to know of the provider. */
export interface OidcSignInOption {
  providerId: string;
  name: string;
}

/** The role the current callback's claims give, from the profile (mapProfileToUser) to the session's creation. */
const signInRoles = new AsyncLocalStorage<{ role?: Role }>();

/**
 * Runs `handle` where a callback's claims can leave the role they give for `signInRole` to read.
 * @example return withSignInRole(() => auth.handler(request));
 */
export function withSignInRole<T>(handle: () => Promise<T>): Promise<T> {
  return signInRoles.run({}, handle);
}

/** The role the provider's claims gave in this request, or undefined when no OpenID sign-in happened in it. */
export function signInRole(): Role | undefined {
  return signInRoles.getStore()?.role;
}

/** The discovery document's address: `<issuer>/.well-known/openid-configuration` (OpenID Connect Discovery 1.0 §4). */
export function discoveryUrl(issuer: string): string {
  return `${issuer.replace(/\/+$/, '')}/.well-known/openid-configuration`;
}

/** Issuers compare as given, less a trailing slash that people add or leave out when configuring. */
function sameIssuer(a: string | undefined, b: string): boolean {
  return a !== undefined && a.replace(/\/+$/, '') === b.replace(/\/+$/, '');
}

/**
 * better-auth's generic OAuth plugin for the provider: discovery from the issuer only (a redirect to another origin
 * is refused), the authorization-code flow with PKCE and a nonce, the ID token verified against the issuer's JWKS.
 * Each sign-in's claims give the role (see `signInRole`); the name and email follow the provider too.
 * @example betterAuth({ plugins: [oidcPlugin(config)] })
 */
export function oidcPlugin(config: OidcConfig, redirectURI?: string) {
  return genericOAuth({
    config: [
      {
        providerId: OIDC_PROVIDER_ID,
        name: config.name,
        discoveryUrl: discoveryUrl(config.issuer),
        // With headers set, discovery follows redirects only within the issuer's origin: no other host is asked.
        discoveryHeaders: { Accept: 'application/json' },
        requireIdTokenVerification: true,
        clientId: config.clientId,
        clientSecret: config.clientSecret,
        scopes: ['openid', 'profile', 'email'],
        pkce: true,
        ...(redirectURI ? { redirectURI } : {}),
        overrideUserInfo: true,
        disableProviderLogout: true,
        mapProfileToUser: (profile) => {
          const store = signInRoles.getStore();
          if (store) store.role = roleFromClaims(profile, config.roles);
          return {};
        },
      },
    ],
  });
}

/**
 * Guards the provider's endpoints: sign-in only by the authorization-code flow (an ID token posted to
 * /sign-in/social is refused: the portal asks the provider itself), and only with the configured issuer (a
 * discovery document naming another is refused).
 */
export function oidcGuard(config: OidcConfig) {
  return createAuthMiddleware(async (ctx) => {
    if (ctx.path !== '/sign-in/social' && ctx.path !== '/callback/:id') return;
    const body: unknown = ctx.body;
    if (ctx.path === '/sign-in/social' && typeof body === 'object' && body !== null && 'idToken' in body) {
      throw new APIError('BAD_REQUEST', { code: 'ID_TOKEN_SIGN_IN_REFUSED', message: 'Sign in through the provider’s own page.' });
    }
    const providers = await Promise.resolve(ctx.context.socialProviders);
    const provider = providers.find((p) => p.id === OIDC_PROVIDER_ID);
    if (provider && !sameIssuer(provider.issuer, config.issuer)) {
      throw new APIError('BAD_GATEWAY', {
        code: 'ISSUER_MISMATCH',
        message: `The provider's discovery document names the issuer ${JSON.stringify(provider.issuer)}, not OIDC_ISSUER=${config.issuer}.`,
      });
    }
  });
}
