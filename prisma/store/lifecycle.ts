import { DEFAULT_LIFECYCLE_STATUS, isLifecycleStatus, type LifecycleStatus } from '../../asyncapi/lifecycle.ts';
import type { Prisma } from '../generated/client.ts';
import type { StoreClient } from '../db.ts';
import { NotFoundError } from './errors.ts';
import { latestVersions } from './latest.ts';

/** A stored status as the type; the column is text, so anything else reads as the default. */
export function lifecycleStatus(stored: string): LifecycleStatus {
  return isLifecycleStatus(stored) ? stored : DEFAULT_LIFECYCLE_STATUS;
}

/** A version's move from one status to another, as `setVersionStatus` made it. */
export interface StatusChange {
  from: LifecycleStatus;
  to: LifecycleStatus;
}

/** Runs inside the status change's transaction: the audit row, so both commit or neither does. */
export type OnStatusChanged = (tx: Prisma.TransactionClient, change: StatusChange) => Promise<void>;

/**
 * Moves one version of a document to a lifecycle status; returns the change, or null when it already had it (and
 * nothing was written). `onChanged` runs in the same transaction after the update; when it throws, nothing changes.
 * @example await setVersionStatus(db, 'user-accounts', '1.2.0', 'deprecated', (tx, change) => recordAudit(tx, entry(change)));
 */
export async function setVersionStatus(
  db: StoreClient,
  slug: string,
  version: string,
  status: LifecycleStatus,
  onChanged?: OnStatusChanged,
): Promise<StatusChange | null> {
  return db.$transaction(async (tx) => {
    // Locked until commit, so two changes at once each record the status they really moved from.
    const [row] = await tx.$queryRaw<{ id: number; status: string }[]>`
      SELECT v.id, v.status FROM document_version v JOIN document d ON d.id = v.document_id
      WHERE d.slug = ${slug} AND v.version = ${version} FOR UPDATE OF v`;
    if (!row) throw new NotFoundError(`Version ${version} of "${slug}"`);
    const from = lifecycleStatus(row.status);
    if (from === status) return null;
    await tx.documentVersion.update({ where: { id: row.id }, data: { status } });
    const change = { from, to: status };
    await onChanged?.(tx, change);
    return change;
  });
}

export interface LatestStatus {
  version: string;
  status: LifecycleStatus;
}

/**
 * The latest version of a document (by semantic version) and its lifecycle status, or null for an
 * unknown document. Live checks use it to flag traffic on a document that is deprecated or retired.
 * @example const latest = await latestVersionStatus(db, 'user-accounts'); if (latest && isWithdrawn(latest.status)) flag();
 */
export async function latestVersionStatus(db: StoreClient, slug: string): Promise<LatestStatus | null> {
  const [latest] = await latestVersions(db, slug);
  if (!latest) return null;
  const row = await db.documentVersion.findUniqueOrThrow({ where: { id: latest.id }, select: { status: true } });
  return { version: latest.version, status: lifecycleStatus(row.status) };
}
