import type { TestOidcUser } from '../testing/oidc-provider.ts';

/** The people of the e2e OpenID provider, by login, with Keycloak-style realm roles (OIDC_ROLE_CLAIM=realm_access.roles). */
export const OIDC_E2E_USERS: Record<string, TestOidcUser> = {
  ada: { email: 'ada@example.com', name: 'Ada Lovelace', claims: { realm_access: { roles: ['offline_access', 'portal-admin'] } } },
  grace: { email: 'grace@example.com', name: 'Grace Hopper', claims: { realm_access: { roles: ['portal-editor'] } } },
};
