import type { Prisma } from '../../prisma/generated/client.ts';

/**
 * Whether an active admin other than `userId` remains, with the active admins locked until `tx` ends, so that two
 * changes at once (two admins demoting each other, a sign-in's claim and an admin's edit) cannot both pass it.
 * @example if (!(await anotherActiveAdmin(tx, user.id))) throw new UserChangeRefusedError('…the last active admin…');
 */
export async function anotherActiveAdmin(tx: Prisma.TransactionClient, userId: string): Promise<boolean> {
  await tx.$queryRaw`SELECT id FROM "user" WHERE role = 'admin' AND NOT banned FOR UPDATE`;
  return (await tx.user.count({ where: { role: 'admin', banned: false, id: { not: userId } } })) > 0;
}
