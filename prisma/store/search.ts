import type { StoreClient } from '../db.ts';
import type { SearchMatch } from './types.ts';

interface MatchRow {
  versionId: number;
  kind: SearchMatch['kind'];
  text: string;
}

const KIND_ORDER: SearchMatch['kind'][] = ['title', 'channel', 'message', 'property', 'description'];

/** A LIKE pattern that matches `term` literally anywhere in a text. */
export function containsPattern(term: string): string {
  return `%${term.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

/**
 * Finds `term` (case-insensitive) in the titles, descriptions, channel addresses, message names and
 * payload property names of the given versions; returns the matches per version, best first.
 */
export async function searchVersions(db: StoreClient, versionIds: number[], term: string): Promise<Map<number, SearchMatch[]>> {
  const pattern = containsPattern(term);
  const rows = await db.$queryRaw<MatchRow[]>`
    SELECT v.id AS "versionId", 'title' AS kind, v.title AS text
      FROM document_version v WHERE v.id = ANY(${versionIds}) AND v.title ILIKE ${pattern}
    UNION ALL
    SELECT v.id, 'description', v.description
      FROM document_version v WHERE v.id = ANY(${versionIds}) AND v.description ILIKE ${pattern}
    UNION ALL
    SELECT c.version_id, 'channel', COALESCE(c.address, c.key)
      FROM channel c WHERE c.version_id = ANY(${versionIds}) AND (c.address ILIKE ${pattern} OR c.key ILIKE ${pattern})
    UNION ALL
    SELECT m.version_id, 'message', COALESCE(m.name, m.key)
      FROM message m WHERE m.version_id = ANY(${versionIds})
       AND (m.name ILIKE ${pattern} OR m.key ILIKE ${pattern} OR m.title ILIKE ${pattern})
    UNION ALL
    SELECT DISTINCT m.version_id, 'property', p.name
      FROM message m, unnest(m.payload_properties) AS p(name)
     WHERE m.version_id = ANY(${versionIds}) AND p.name ILIKE ${pattern}`;
  const byVersion = new Map<number, SearchMatch[]>();
  for (const row of rows) {
    const list = byVersion.get(row.versionId) ?? [];
    if (!list.some((m) => m.kind === row.kind && m.text === row.text)) list.push({ kind: row.kind, text: row.text });
    byVersion.set(row.versionId, list);
  }
  for (const list of byVersion.values()) list.sort((a, b) => KIND_ORDER.indexOf(a.kind) - KIND_ORDER.indexOf(b.kind));
  return byVersion;
}
