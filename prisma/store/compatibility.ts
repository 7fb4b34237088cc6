import { isCompatibilityMode, type CompatibilityMode } from '../../asyncapi/compatibility.ts';
import { comparePrecedence } from '../../asyncapi/semver.ts';
import type { Prisma } from '../generated/client.ts';
import type { StoreClient } from '../db.ts';
import { NotFoundError } from './errors.ts';

/** A stored document's own compatibility mode (null: the default); an unknown document is a NotFoundError. */
export async function storedDocumentCompatibility(db: StoreClient, slug: string): Promise<CompatibilityMode | null> {
  const row = await db.document.findUnique({ where: { slug }, select: { compatibility: true } });
  if (!row) throw new NotFoundError(`Document "${slug}"`);
  return storedMode(row.compatibility);
}

/**
 * Sets a document's compatibility mode (null: follow the default) in a transaction, inside which `onChanged` runs
 * (the audit row) when it changed; answers the mode it had. An unknown document is a NotFoundError.
 */
export async function setDocumentCompatibility(
  db: StoreClient,
  slug: string,
  mode: CompatibilityMode | null,
  onChanged: (tx: Prisma.TransactionClient, from: CompatibilityMode | null) => Promise<void>,
): Promise<CompatibilityMode | null> {
  return db.$transaction(async (tx) => {
    const row = await tx.document.findUnique({ where: { slug }, select: { compatibility: true } });
    if (!row) throw new NotFoundError(`Document "${slug}"`);
    const from = storedMode(row.compatibility);
    if (from === mode) return from;
    await tx.document.update({ where: { slug }, data: { compatibility: mode } });
    await onChanged(tx, from);
    return from;
  });
}

/** The versions of a document of lower precedence than `version`, the closest first: what transitive modes check. */
export async function earlierVersions(db: StoreClient, slug: string, version: string): Promise<string[]> {
  const rows = await db.documentVersion.findMany({ where: { document: { slug } }, select: { version: true } });
  return rows
    .map((row) => row.version)
    .filter((stored) => comparePrecedence(stored, version) < 0)
    .sort((a, b) => comparePrecedence(b, a));
}

/** A stored mode column as a mode. The column's CHECK constraint admits only known modes; anything else reads as the default. */
export function storedMode(value: string | null): CompatibilityMode | null {
  return isCompatibilityMode(value) ? value : null;
}
