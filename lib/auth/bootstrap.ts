import { randomUUID } from 'node:crypto';
import type { StoreClient } from '../../prisma/db.ts';
import type { PortalAuth } from './auth.ts';
import type { Role } from './roles.ts';

export interface PasswordUser {
  email: string;
  password: string;
  role: Role;
  /** Shown in the header; the email's local part when absent or empty. */
  name?: string;
  /** The password is a one-time one handed over: the user must choose their own at first sign-in. */
  mustChangePassword?: boolean;
}

/**
 * Creates a user who signs in with `email` and `password`: the user and its hashed password (better-auth's
 * "credential" account) are one insert. Throws Prisma's P2002 error when the email is taken.
 * @example await createPasswordUser(auth, db, { email: 'ed@example.com', password, role: 'editor' });
 */
export async function createPasswordUser(auth: PortalAuth, db: StoreClient, user: PasswordUser): Promise<string> {
  const context = await auth.$context;
  const id = randomUUID();
  const email = user.email.trim().toLowerCase();
  const password = await context.password.hash(user.password);
  await db.user.create({
    data: {
      id,
      email,
      name: user.name || (email.split('@')[0] ?? email),
      role: user.role,
      mustChangePassword: user.mustChangePassword ?? false,
      emailVerified: true,
      accounts: { create: { id: randomUUID(), accountId: id, providerId: 'credential', password } },
    },
  });
  return id;
}

/**
 * Creates the admin `ADMIN_EMAIL` / `ADMIN_PASSWORD` name when the portal has no user yet, so a fresh
 * AUTH=required portal can be signed in to; returns whether it did.
 * @example if (await ensureFirstAdmin(auth, database.prisma, { email, password })) log.info(`created the admin ${email}`);
 */
export async function ensureFirstAdmin(auth: PortalAuth, db: StoreClient, admin: Omit<PasswordUser, 'role'>): Promise<boolean> {
  if ((await db.user.count()) > 0) return false;
  try {
    await createPasswordUser(auth, db, { ...admin, role: 'admin' });
  } catch (error) {
    // Another instance starting at the same moment created it first.
    if (error instanceof Error && 'code' in error && error.code === 'P2002') return false;
    throw error;
  }
  return true;
}
