import { hasRole, type Actor, type Role } from './roles.ts';

/** What the UI offers, each with the least role the API asks for it (the route handlers check the same roles). */
export const ACTIONS = {
  register: { role: 'editor', what: 'register versions' },
  forceRegister: { role: 'admin', what: 'register despite breaking changes' },
  setStatus: { role: 'editor', what: 'change a version’s status' },
  retire: { role: 'admin', what: 'retire a version' },
  setCompatibility: { role: 'admin', what: 'change a document’s compatibility mode' },
  publish: { role: 'editor', what: 'publish test events' },
  createToken: { role: 'editor', what: 'create API tokens' },
  record: { role: 'editor', what: 'record and replay traffic' },
  manageUsers: { role: 'admin', what: 'manage users' },
  readAudit: { role: 'admin', what: 'read the audit log' },
} as const satisfies Record<string, { role: Role; what: string }>;

export type Action = keyof typeof ACTIONS;

/** Whether an action is allowed, and if not, why: the text a disabled control shows on hover. */
export type Allowance = { allowed: true } | { allowed: false; reason: string };

/** Every action's allowance for one visitor: plain data, so server pages hand it to client components. */
export type Permissions = Record<Action, Allowance>;

/**
 * What `actor` may do in the UI; null is a signed-out visitor (AUTH=required with `AUTH_ANONYMOUS_READ=true`).
 * @example permissionsOf(viewer).register // { allowed: false, reason: 'Only editors and admins may register versions; you are a viewer.' }
 */
export function permissionsOf(actor: Actor | null): Permissions {
  const entries = Object.entries(ACTIONS).map(([action, { role, what }]) => [action, allowance(actor, role, what)] as const);
  return Object.fromEntries(entries) as Permissions;
}

function allowance(actor: Actor | null, role: Role, what: string): Allowance {
  if (!actor) return { allowed: false, reason: `Sign in as ${article(role)} ${role} to ${what}.` };
  if (hasRole(actor.role, role)) return { allowed: true };
  return {
    allowed: false,
    reason: `Only ${role === 'admin' ? 'admins' : 'editors and admins'} may ${what}; you are ${article(actor.role)} ${actor.role}.`,
  };
}

function article(role: Role): string {
  return role === 'admin' || role === 'editor' ? 'an' : 'a';
}
