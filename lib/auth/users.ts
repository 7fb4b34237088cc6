import { randomBytes } from 'node:crypto';
import type { StoreClient } from '../../prisma/db.ts';
import type { Prisma } from '../../prisma/generated/client.ts';
import { recordAudit } from '../audit/record.ts';
import { refuseNul } from '../text-input.ts';
import type { InviteUser, UserChange } from '../validations/users.ts';
import type { PortalAuth } from './auth.ts';
import { anotherActiveAdmin } from './admins.ts';
import { createPasswordUser } from './bootstrap.ts';
import type { Revocations } from './revocations.ts';
import { parseRole, type Actor, type Role } from './roles.ts';
import { EmailTakenError, UserChangeRefusedError, UserNotFoundError } from './user-errors.ts';

/** The most users one listing returns, so that a runaway table cannot make the page unbounded. */
export const MAX_LISTED_USERS = 1000;

/** A user as admins see them. */
export interface PortalUser {
  id: string;
  email: string;
  name: string;
  role: Role;
  /** False once deactivated: no new session, and the ones they had were ended. */
  active: boolean;
  /** Still signing in with the one-time password an admin handed over. */
  mustChangePassword: boolean;
  createdAt: string;
  /** When their latest session began; null when they never signed in. */
  lastSignInAt: string | null;
}

/** Users for admins (`identity.users`): the Users page, `/api/users` and `npm run users`. */
export interface UserDirectory {
  /** Every user (up to MAX_LISTED_USERS), by email. */
  list(): Promise<PortalUser[]>;
  find(by: { id: string } | { email: string }): Promise<PortalUser | null>;
  /**
   * Creates a user with a one-time password, returned once and stored only hashed, audited as `user.invite` by `actor`
   * from `ip`; throws `EmailTakenError` (409).
   */
  invite(actor: Actor, input: InviteUser, ip?: string | null): Promise<{ user: PortalUser; password: string }>;
  /**
   * Changes a user's role or deactivates (ending their sessions) or reactivates them, in one transaction; throws
   * `UserNotFoundError` (404) and `UserChangeRefusedError` (409) for the last active admin or `actor` deactivating themselves.
   * Audited (`user.role`, `user.active`) in the same transaction, from `ip`.
   */
  change(actor: Actor, id: string, change: UserChange, ip?: string | null): Promise<PortalUser>;
}

const USER_FIELDS = {
  id: true,
  email: true,
  name: true,
  role: true,
  banned: true,
  mustChangePassword: true,
  createdAt: true,
  lastSignInAt: true,
} as const;
type UserRow = Prisma.UserGetPayload<{ select: typeof USER_FIELDS }>;

function toPortalUser(row: UserRow): PortalUser {
  return {
    id: row.id,
    email: row.email,
    name: row.name,
    role: parseRole(row.role),
    active: !row.banned,
    mustChangePassword: row.mustChangePassword,
    createdAt: row.createdAt.toISOString(),
    lastSignInAt: row.lastSignInAt?.toISOString() ?? null,
  };
}

/**
 * A password to hand over once: 24 characters of base64url, 144 random bits, well past MIN_PASSWORD_LENGTH.
 * @example const password = oneTimePassword(); // 'q3Zp…'
 */
export function oneTimePassword(): string {
  return randomBytes(18).toString('base64url');
}

const isUniqueViolation = (error: unknown): boolean => error instanceof Error && 'code' in error && error.code === 'P2002';

/**
 * The users of `db`, with passwords hashed as better-auth does through `auth`; a deactivation is published on
 * `revocations`, which closes what the user holds open (live sockets, theirs and their tokens').
 * @example const { user, password } = await createUserDirectory(auth, db, revocations).invite({ email: 'ed@example.com', role: 'editor' });
 */
export function createUserDirectory(auth: PortalAuth, db: StoreClient, revocations: Revocations): UserDirectory {
  return {
    async list() {
      const rows = await db.user.findMany({ select: USER_FIELDS, orderBy: { email: 'asc' }, take: MAX_LISTED_USERS });
      return rows.map(toPortalUser);
    },
    async find(by) {
      const value = 'id' in by ? by.id : by.email.trim().toLowerCase();
      refuseNul('id' in by ? 'The user id' : 'The email', value);
      const row = await db.user.findUnique({ where: 'id' in by ? { id: value } : { email: value }, select: USER_FIELDS });
      return row ? toPortalUser(row) : null;
    },
    async invite(actor, input, ip = null) {
      refuseNul('The email', input.email);
      refuseNul('The name', input.name);
      const password = oneTimePassword();
      let id: string;
      try {
        id = await createPasswordUser(auth, db, { ...input, password, mustChangePassword: true });
      } catch (error) {
        if (isUniqueViolation(error)) throw new EmailTakenError(input.email);
        throw error;
      }
      // better-auth creates the user in its own transaction: an invitation whose row cannot be stored is taken back.
      try {
        const user = toPortalUser(await db.user.findUniqueOrThrow({ where: { id }, select: USER_FIELDS }));
        await recordAudit(db, { actor, ip, action: 'user.invite', target: `user:${id}`, detail: { email: user.email, role: user.role } });
        return { user, password };
      } catch (error) {
        await db.user.delete({ where: { id } });
        throw error;
      }
    },
    async change(actor, id, change, ip = null) {
      refuseNul('The user id', id);
      const user = await db.$transaction((tx) => changeUser(tx, { actor, ip }, id, change));
      if (change.active === false) revocations.publish({ userId: user.id });
      return user;
    },
  };
}

/** Applies `change` by `actor` in `tx`, refusing to leave no active admin; `user.role` audit entries join this transaction. */
async function changeUser(
  tx: Prisma.TransactionClient,
  { actor, ip }: { actor: Actor; ip: string | null },
  id: string,
  change: UserChange,
): Promise<PortalUser> {
  // A token acts for its user: an admin's own token deactivating them is them deactivating themselves.
  const actingUser =
    actor.kind === 'token' ? (await tx.apiToken.findUnique({ where: { id: actor.id }, select: { ownerId: true } }))?.ownerId : actor.id;
  if (change.active === false && actingUser === id) {
    throw new UserChangeRefusedError('You cannot deactivate yourself; ask another admin to do it.');
  }
  const user = await tx.user.findUnique({ where: { id }, select: USER_FIELDS });
  if (!user) throw new UserNotFoundError(`the id ${id}`);
  const losesAdmin = user.role === 'admin' && !user.banned && (change.active === false || (change.role ?? 'admin') !== 'admin');
  if (losesAdmin && !(await anotherActiveAdmin(tx, id))) {
    throw new UserChangeRefusedError(
      `${user.email} is the last active admin; make another user an admin first, so that someone can still manage the portal.`,
    );
  }
  const updated = await tx.user.update({
    where: { id },
    data: { ...(change.role ? { role: change.role } : {}), ...(change.active !== undefined ? { banned: !change.active } : {}) },
    select: USER_FIELDS,
  });
  // Deactivation is at once: every session ends now, not when it expires.
  if (change.active === false) await tx.session.deleteMany({ where: { userId: id } });
  const target = `user:${id}`;
  if (updated.role !== user.role) {
    await recordAudit(tx, { actor, ip, action: 'user.role', target, detail: { email: user.email, from: user.role, to: updated.role } });
  }
  if (updated.banned !== user.banned) {
    await recordAudit(tx, { actor, ip, action: 'user.active', target, detail: { email: user.email, active: !updated.banned } });
  }
  return toPortalUser(updated);
}
