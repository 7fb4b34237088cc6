import type { StoreClient } from '../../prisma/db.ts';
import { recordAudit } from '../audit/record.ts';
import { log } from '../log.ts';
import { anotherActiveAdmin } from './admins.ts';
import type { Role } from './roles.ts';

/** Why a claimed role was not applied, as the `user.login` row says. */
export const LAST_ADMIN_KEEPS_ROLE = 'the last active admin keeps the admin role';

/**
 * Completes a sign-in in one transaction (better-auth's session hook, after its own transaction): with `claimed`
 * (the role an OpenID provider's claims gave) it becomes the user's role, audited as `user.role` by the user, unless
 * it would leave the portal without an active admin; the user's `lastSignInAt`; then `user.login`, which says when a
 * claimed role was not applied.
 * @example databaseHooks: { session: { create: { after: (session) => recordSignIn(db, session, signInRole()) } } }
 */
export async function recordSignIn(
  db: StoreClient,
  session: { userId: string; ipAddress?: string | null; createdAt?: Date },
  claimed?: Role,
): Promise<void> {
  const id = session.userId;
  await db.$transaction(async (tx) => {
    const user = await tx.user.findUniqueOrThrow({ where: { id }, select: { name: true, email: true, role: true, banned: true } });
    const context = { actor: { kind: 'user' as const, id, name: user.name || user.email }, ip: session.ipAddress ?? null };
    const target = `user:${id}`;
    let roleKept: { claimed: Role; reason: string } | undefined;
    let role: Role | undefined;
    if (claimed !== undefined && claimed !== user.role) {
      if (user.role === 'admin' && !user.banned && !(await anotherActiveAdmin(tx, id))) {
        roleKept = { claimed, reason: LAST_ADMIN_KEEPS_ROLE };
        log.warn(`${user.email} signed in with the role ${claimed} from the OpenID provider, but stays admin: ${LAST_ADMIN_KEEPS_ROLE}`);
      } else {
        role = claimed;
        const detail = { email: user.email, from: user.role, to: claimed, source: 'oidc' as const };
        await recordAudit(tx, { ...context, action: 'user.role', target, detail });
      }
    }
    await tx.user.update({ where: { id }, data: { lastSignInAt: session.createdAt ?? new Date(), ...(role ? { role } : {}) } });
    await recordAudit(tx, { ...context, action: 'user.login', target, detail: { email: user.email, ...(roleKept ? { roleKept } : {}) } });
  });
}
