import { generateKeyPairSync, randomBytes } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import Provider, { type Configuration } from 'oidc-provider';

/** A person the test provider knows, by the login they type at its sign-in form, with the claims it sends. */
export interface TestOidcUser {
  email: string;
  name: string;
  /** Further claims of the ID token, such as `{ roles: ['portal-admin'] }` or `{ realm_access: { roles: [...] } }`. */
  claims?: Record<string, unknown>;
  /** Whether the provider says it verified the email; true by default. */
  emailVerified?: boolean;
}

export interface TestOidcProviderOptions {
  /** The port to listen on (the e2e config needs one it knows beforehand); a free one by default. */
  port?: number;
  /** The addresses the portal may ask to be sent back to: its PUBLIC_URL + /api/auth/callback/oidc. */
  redirectUris: string[];
  /** People by login. */
  users: Record<string, TestOidcUser>;
  clientId?: string;
  clientSecret?: string;
}

export interface TestOidcProvider {
  /** Its issuer URL, `http://127.0.0.1:<port>`: the portal's OIDC_ISSUER. */
  issuer: string;
  clientId: string;
  clientSecret: string;
  /** People by login. */
  users: Record<string, TestOidcUser>;
  /** Gives the user of `login` these further claims from their next sign-in on (top-level names it started with). */
  setClaims(login: string, claims: Record<string, unknown>): void;
  close(): Promise<void>;
}

/** The claims the provider may name in its tokens: the standard ones and every top-level claim the users carry. */
function claimNames(users: Record<string, TestOidcUser>): string[] {
  return [...new Set(Object.values(users).flatMap((user) => Object.keys(user.claims ?? {})))];
}

/**
 * A real OpenID provider (the `oidc-provider` package) on loopback, for the portal's OIDC sign-in tests: one
 * confidential client whose secret is posted to the token endpoint, the authorization-code flow with PKCE, and
 * its development sign-in form, where the login names the user (any password) and no consent is asked (the portal
 * is a first-party client). The users' claims go into the ID token, as Keycloak or Entra ID send roles.
 * @example const provider = await startOidcProvider({ redirectUris: [`${portal}/api/auth/callback/oidc`], users: { ada: { email: 'ada@example.com', name: 'Ada', claims: { roles: ['admin'] } } } });
 */
export async function startOidcProvider(options: TestOidcProviderOptions): Promise<TestOidcProvider> {
  const server: Server = createServer();
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  const issuer = `http://127.0.0.1:${port}`;
  const clientId = options.clientId ?? 'event-portal';
  const clientSecret = options.clientSecret ?? randomBytes(24).toString('base64url');
  const users = options.users;
  const signingKey = generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey.export({ format: 'jwk' });

  const configuration: Configuration = {
    clients: [
      {
        client_id: clientId,
        client_secret: clientSecret,
        redirect_uris: options.redirectUris,
        grant_types: ['authorization_code'],
        response_types: ['code'],
        token_endpoint_auth_method: 'client_secret_post',
      },
    ],
    jwks: { keys: [{ ...signingKey, kid: 'test-signing-key', use: 'sig', alg: 'RS256' }] },
    cookies: { keys: [randomBytes(32).toString('base64url')] },
    claims: { openid: ['sub'], email: ['email', 'email_verified'], profile: ['name', ...claimNames(users)] },
    // The claims in the ID token itself, not only at the userinfo endpoint.
    conformIdTokenClaims: false,
    pkce: { required: () => true },
    features: { devInteractions: { enabled: true } },
    findAccount: (_ctx, login) => {
      const user = Object.hasOwn(users, login) ? users[login] : undefined;
      if (!user) return undefined;
      return {
        accountId: login,
        claims: () => ({ ...user.claims, sub: login, email: user.email, email_verified: user.emailVerified ?? true, name: user.name }),
      };
    },
    // A first-party client: every scope it asks for is granted without a consent page.
    loadExistingGrant: async (ctx) => {
      const session = ctx.oidc.session;
      const client = ctx.oidc.client;
      if (!session?.accountId || !client) return undefined;
      const existing = session.grantIdFor(client.clientId);
      if (existing) return ctx.oidc.provider.Grant.find(existing);
      const grant = new ctx.oidc.provider.Grant({ accountId: session.accountId, clientId: client.clientId });
      grant.addOIDCScope('openid email profile');
      grant.addOIDCClaims(['sub', 'email', 'email_verified', 'name', ...claimNames(users)]);
      await grant.save();
      session.ensureClientContainer(client.clientId);
      session.grantIdFor(client.clientId, grant.jti);
      return grant;
    },
  };
  const provider = new Provider(issuer, configuration);
  const callback = provider.callback();
  server.on('request', (request, response) => void callback(request, response));

  return {
    issuer,
    clientId,
    clientSecret,
    users,
    setClaims(login, claims) {
      const user = users[login];
      if (!user) throw new Error(`the test provider has no user ${login}`);
      users[login] = { ...user, claims };
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
