import { compareVersions } from '../../asyncapi/semver.ts';
import type { StoreClient } from '../db.ts';

export interface LatestVersionRow {
  id: number;
  documentId: number;
  version: string;
  versionCount: number;
}

/** The highest version of every document (or of one), by semantic version order. */
export async function latestVersions(db: StoreClient, slug?: string): Promise<LatestVersionRow[]> {
  const rows = await db.documentVersion.findMany({
    where: slug ? { document: { slug } } : undefined,
    select: { id: true, documentId: true, version: true },
  });
  const byDocument = new Map<number, LatestVersionRow>();
  for (const row of rows) {
    const best = byDocument.get(row.documentId);
    if (!best) byDocument.set(row.documentId, { ...row, versionCount: 1 });
    else {
      best.versionCount += 1;
      if (compareVersions(row.version, best.version) > 0) Object.assign(best, row);
    }
  }
  return [...byDocument.values()];
}
