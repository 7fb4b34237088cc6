import { PasswordChangeRequiredError, RoleRequiredError, SignInRequiredError } from '../errors.ts';
import { services } from '../services.ts';
import type { Identity } from './identity.ts';
import { hasRole, LOCAL_ACTOR, type Actor, type Role } from './roles.ts';
import { bearerToken } from './token-text.ts';

/**
 * Who sends `request`: in AUTH=local everyone is the admin `local` (an `Authorization` header is not even read);
 * in AUTH=required the API token of its `Authorization: Bearer` header, else the user of its session cookie, or
 * null when signed out. A Bearer token that is refused throws `TokenRejectedError` (401) rather than fall back
 * to the cookie, so a script learns its token is dead.
 * @example const actor = await currentActor(request); // { kind: 'user', id, name, role: 'editor' }
 */
export async function currentActor(request: Request, identity: Identity = services().identity): Promise<Actor | null> {
  return actorOfHeaders(request.headers, identity);
}

/**
 * Who sends a request with these headers, as `currentActor` says: for pages, which read them with next/headers.
 * A user still on an admin's one-time password throws `PasswordChangeRequiredError` (403): they may only choose
 * their own (/account, better-auth's /change-password) or sign out, which do not ask for an actor.
 * @example const actor = await actorOfHeaders(await headers());
 */
export async function actorOfHeaders(headers: Headers, identity: Identity = services().identity): Promise<Actor | null> {
  const account = await accountOfHeaders(headers, identity);
  if (account?.mustChangePassword) throw new PasswordChangeRequiredError();
  return account?.actor ?? null;
}

/** Who is signed in, and whether they must choose their own password before doing anything else. */
export interface SignedInAccount {
  actor: Actor;
  mustChangePassword: boolean;
}

/**
 * Who is signed in on these headers, as `actorOfHeaders` says, but also while on a one-time password: for the pages
 * that such a user may still see (/account, the account menu) and the page gate that sends them there.
 * @example const account = await accountOfHeaders(await headers()); if (account?.mustChangePassword) …
 */
export async function accountOfHeaders(headers: Headers, identity: Identity = services().identity): Promise<SignedInAccount | null> {
  if (identity.mode === 'local') return { actor: LOCAL_ACTOR, mustChangePassword: false };
  const token = bearerToken(headers);
  if (token !== null) return { actor: (await identity.tokens.verify(token)).actor, mustChangePassword: false };
  const session = await identity.session(headers);
  return session ? { actor: session.actor, mustChangePassword: session.mustChangePassword } : null;
}

/**
 * The actor of `request` when their role includes `role`; throws `SignInRequiredError` (401) when signed out and
 * `RoleRequiredError` (403, naming the role) when the role is too low.
 * @example const actor = await requireRole(request, force ? 'admin' : 'editor');
 */
export async function requireRole(request: Request, role: Role, identity: Identity = services().identity): Promise<Actor> {
  return ensureRole(await currentActor(request, identity), role);
}

/**
 * `actor` when their role includes `role`, for an action whose role shows only once the request is read; throws
 * as `requireRole` does.
 * @example ensureRole(actor, status === 'retired' ? 'admin' : 'editor');
 */
export function ensureRole(actor: Actor | null, role: Role): Actor {
  if (!actor) throw new SignInRequiredError();
  if (!hasRole(actor.role, role)) throw new RoleRequiredError(role, actor.role);
  return actor;
}

/**
 * The actor of a request that only reads (every GET but /api/health): any signed-in user, as every role includes
 * `viewer`; signed out, null when `AUTH_ANONYMOUS_READ=true`, and else `SignInRequiredError` (401).
 * @example await requireReader(request);
 */
export async function requireReader(request: Request, identity: Identity = services().identity): Promise<Actor | null> {
  const actor = await currentActor(request, identity);
  if (!actor && identity.anonymousRead) return null;
  return ensureRole(actor, 'viewer');
}
