/** What a person may do, each role including the ones before it: viewer < editor < admin. */
export const ROLES = ['viewer', 'editor', 'admin'] as const;

export type Role = (typeof ROLES)[number];

/** The role of a new user. */
export const DEFAULT_ROLE: Role = 'viewer';

/** A stored role as a `Role`; anything else (edited by hand, a role from a later version) grants least. */
export function parseRole(value: unknown): Role {
  return ROLES.find((role) => role === value) ?? DEFAULT_ROLE;
}

/**
 * Whether `role` may do what `required` may.
 * @example hasRole('admin', 'editor') // true
 */
export function hasRole(role: Role, required: Role): boolean {
  return ROLES.indexOf(role) >= ROLES.indexOf(required);
}

/**
 * The lower of two roles: what a token may do when its user's role has since been lowered.
 * @example lowerRole('admin', 'editor') // 'editor'
 */
export function lowerRole(a: Role, b: Role): Role {
  return hasRole(a, b) ? b : a;
}

/**
 * Who is acting: a signed-in user, an API token (`id` and `name` the token's, `role` at most its user's), or
 * everyone as the admin `local` in AUTH=local.
 */
export interface Actor {
  kind: 'local' | 'user' | 'token';
  id: string;
  name: string;
  role: Role;
}

/** The actor of every request in AUTH=local, where nobody signs in. */
export const LOCAL_ACTOR: Actor = Object.freeze({ kind: 'local', id: 'local', name: 'local', role: 'admin' });
