import { randomUUID } from 'node:crypto';
import type { StoreClient } from '../db.ts';

/**
 * This installation's id, made on first call: every instance on the same database reads the same one. Two
 * instances starting at once both insert, and the one row (ON CONFLICT DO NOTHING) keeps whichever came first.
 * @example const installation = await installationId(database.prisma); // '3f0c…-…'
 */
export async function installationId(db: StoreClient): Promise<string> {
  const found = await db.installation.findUnique({ where: { singleton: 1 } });
  if (found) return found.id;
  await db.installation.createMany({ data: [{ id: randomUUID() }], skipDuplicates: true });
  return (await db.installation.findUniqueOrThrow({ where: { singleton: 1 } })).id;
}
