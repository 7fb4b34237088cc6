import { compareVersions } from '../../asyncapi/semver.ts';
import { slugify } from '../../asyncapi/slug.ts';
import type { LoadedDocument } from './load-document.ts';

/** One valid file, to be registered as a version of the document its title names. */
export interface PlannedVersion {
  file: string;
  text: string;
  /** The slug the portal makes of the title (it keeps an existing document's own). */
  slug: string;
  version: string;
}

export interface RegisterPlan {
  /** Each document's versions in SemVer order, lowest first; documents by slug. */
  documents: PlannedVersion[][];
  /** The files that failed local validation: they are not sent. */
  invalid: Extract<LoadedDocument, { valid: false }>[];
}

/**
 * Groups valid files by document (the slug of `info.title`, so titles the portal would file under one slug are sent
 * one after another) and orders each document's versions by SemVer precedence, as the portal orders them: each
 * version is then checked against the one before it, as a pipeline registering them one release at a time would be.
 * @example planRegistration(loaded).documents[0]?.map((v) => v.version) // ['1.0.0', '1.1.0', '2.0.0']
 */
export function planRegistration(loaded: readonly LoadedDocument[]): RegisterPlan {
  const bySlug = new Map<string, PlannedVersion[]>();
  const invalid: RegisterPlan['invalid'] = [];
  for (const file of loaded) {
    if (!file.valid) {
      invalid.push(file);
      continue;
    }
    const slug = slugify(file.document.title);
    const versions = bySlug.get(slug) ?? [];
    versions.push({ file: file.file, text: file.text, slug, version: file.document.version });
    bySlug.set(slug, versions);
  }
  const documents = [...bySlug.entries()]
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([, versions]) => versions.sort((a, b) => compareVersions(a.version, b.version)));
  return { documents, invalid };
}
