import { DEFAULT_LIFECYCLE_STATUS, isLifecycleStatus, type LifecycleStatus } from '../../asyncapi/lifecycle.ts';
import type { StoreClient } from '../db.ts';
import { NotFoundError } from './errors.ts';
import { latestVersions } from './latest.ts';

/** A stored status as the type; the column is text, so anything else reads as the default. */
export function lifecycleStatus(stored: string): LifecycleStatus {
  return isLifecycleStatus(stored) ? stored : DEFAULT_LIFECYCLE_STATUS;
}

/**
 * Moves one version of a document to a lifecycle status.
 * @example await setVersionStatus(db, 'user-accounts', '1.2.0', 'deprecated');
 */
export async function setVersionStatus(db: StoreClient, slug: string, version: string, status: LifecycleStatus): Promise<void> {
  const { count } = await db.documentVersion.updateMany({ where: { document: { slug }, version }, data: { status } });
  if (count === 0) throw new NotFoundError(`Version ${version} of "${slug}"`);
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
