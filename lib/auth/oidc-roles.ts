import type { Role } from './roles.ts';

/** How an OpenID provider's claim names a portal role (`OIDC_ROLE_CLAIM`, `OIDC_ADMIN_VALUES`, `OIDC_EDITOR_VALUES`). */
export interface OidcRoleMapping {
  /** The claim's name, or a dotted path into the claims such as `realm_access.roles` (Keycloak). */
  claim: string;
  /** Values of the claim that make an admin. */
  adminValues: readonly string[];
  /** Values of the claim that make an editor (when none makes an admin). */
  editorValues: readonly string[];
}

/** The most values of a claim looked at: a provider may list many groups, but not without bound. */
const MAX_CLAIM_VALUES = 1000;

/**
 * The values a claim holds: a string is one value, an array its string items, anything else none. The claim is
 * found by its whole name first (Auth0-style names such as `https://example.com/roles` hold dots), then as a
 * dotted path through nested objects.
 * @example claimValues({ realm_access: { roles: ['admin'] } }, 'realm_access.roles') // ['admin']
 */
export function claimValues(claims: Readonly<Record<string, unknown>>, claim: string): string[] {
  const value = Object.hasOwn(claims, claim) ? claims[claim] : walk(claims, claim.split('.'));
  if (typeof value === 'string') return [value];
  if (Array.isArray(value)) return value.slice(0, MAX_CLAIM_VALUES).filter((item): item is string => typeof item === 'string');
  return [];
}

function walk(value: unknown, path: readonly string[]): unknown {
  let current = value;
  for (const key of path) {
    if (typeof current !== 'object' || current === null || Array.isArray(current) || !Object.hasOwn(current, key)) return undefined;
    current = (current as Record<string, unknown>)[key];
  }
  return current;
}

/**
 * The role the provider's claims give: admin when the claim holds any admin value, else editor when it holds any
 * editor value, else viewer. Values compare exactly (case matters, as providers send them).
 * @example roleFromClaims({ roles: 'portal-editors' }, { claim: 'roles', adminValues: ['portal-admins'], editorValues: ['portal-editors'] }) // 'editor'
 */
export function roleFromClaims(claims: Readonly<Record<string, unknown>>, mapping: OidcRoleMapping): Role {
  const values = new Set(claimValues(claims, mapping.claim));
  if (mapping.adminValues.some((value) => values.has(value))) return 'admin';
  if (mapping.editorValues.some((value) => values.has(value))) return 'editor';
  return 'viewer';
}
