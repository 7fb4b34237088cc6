/**
 * The OpenID provider of e2e/oidc.spec.ts, started by playwright.config.ts: testing/oidc-provider.ts on
 * OIDC_PROVIDER_PORT, sending people back to OIDC_REDIRECT_URI, with a client secret and users the spec knows.
 */
import { OIDC_E2E_USERS } from './oidc-users.ts';
import { startOidcProvider } from '../testing/oidc-provider.ts';

const port = Number(process.env.OIDC_PROVIDER_PORT);
const redirectUri = process.env.OIDC_REDIRECT_URI;
const clientSecret = process.env.OIDC_CLIENT_SECRET;
if (!Number.isInteger(port) || !redirectUri || !clientSecret) {
  throw new Error('set OIDC_PROVIDER_PORT, OIDC_REDIRECT_URI and OIDC_CLIENT_SECRET');
}
const provider = await startOidcProvider({ port, redirectUris: [redirectUri], clientSecret, users: structuredClone(OIDC_E2E_USERS) });
console.log(`OpenID provider at ${provider.issuer}`);
for (const signal of ['SIGINT', 'SIGTERM'] as const) process.once(signal, () => void provider.close().then(() => process.exit(0)));
