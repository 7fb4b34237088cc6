import type { Change } from '../asyncapi/diff/types.ts';
import { contentHash } from '../asyncapi/hash.ts';
import type { Diagnostic } from '../asyncapi/types.ts';
import { MAX_DOCUMENT_BYTES } from '../asyncapi/limits.ts';
import type { LifecycleStatus } from '../asyncapi/lifecycle.ts';
import { semverProblem } from '../asyncapi/semver.ts';
import {
  DEFAULT_COMPATIBILITY,
  describeCompatibility,
  type CompatibilityMode,
  type DocumentCompatibility,
} from '../asyncapi/compatibility.ts';
import { setDocumentCompatibility, storedDocumentCompatibility } from '../prisma/store/compatibility.ts';
import { PORTAL_CONTEXT } from './audit/context.ts';
import { recordAudit } from './audit/record.ts';
import type { AuditContext, AuditEntry } from './audit/types.ts';
import { BreakingChangesError, DatabaseUnavailableError, DocumentInvalidError, DocumentTooLargeError } from './errors.ts';
import {
  checkCompatibility,
  diffStoredVersions,
  inProcessDiffer,
  type DocumentDiffer,
  type DocumentValidator,
  type VersionDiff,
} from './governance.ts';
import type { StoreClient } from '../prisma/db.ts';
import { isDatabaseUnreachable } from '../prisma/unreachable.ts';
import { documentForTitle } from '../prisma/store/document-owner.ts';
import { latestVersionStatus, setVersionStatus, type LatestStatus } from '../prisma/store/lifecycle.ts';
import { log } from './log.ts';
import { refuseNul } from './text-input.ts';
import { listIndexedChannels, type IndexedChannel } from '../prisma/store/conformance.ts';
import { getDocument, getVersion, listDocuments } from '../prisma/store/documents.ts';
import { registerVersion, type RegisterOutcome, type VersionToStore } from '../prisma/store/register.ts';
import { announceCatalogueChange } from '../prisma/store/catalogue-changes.ts';
import { searchChannels } from './channel-search.ts';
import { newInstanceId } from './instance-id.ts';
import type { ChannelListing, DocumentDetail, DocumentSummary, VersionDetail } from '../prisma/store/types.ts';

export interface RegisterResult extends RegisterOutcome {
  warnings: Diagnostic[];
  /** Set on a dry run's answer: nothing was stored, `status` says what registering would have done. */
  dryRun?: true;
  /** On a dry run with `force`: the breaking changes the registration would override. */
  overriddenChanges?: Change[];
}

export interface RegisterOptions {
  /** Register even with breaking changes and no major version bump; the version is marked forced. */
  force?: boolean;
  /** Who registers, from where: kept on the version and audited; the portal itself (`PORTAL_CONTEXT`) by default. */
  context?: AuditContext;
  /**
   * Checks everything a registration checks, against the catalogue as it is and under the same lock, then stores
   * nothing (the transaction is rolled back): no version, no audit row, no change announced.
   */
  dryRun?: boolean;
}

export interface Catalogue {
  register(raw: string, options?: RegisterOptions): Promise<RegisterResult>;
  listDocuments(term?: string): Promise<DocumentSummary[]>;
  getDocument(slug: string): Promise<DocumentDetail>;
  getVersion(slug: string, version: string): Promise<VersionDetail>;
  /** The latest versions' channels a term finds by text, or whose address a concrete channel name is an instance of; all without one. */
  listChannels(term?: string): Promise<ChannelListing[]>;
  diff(slug: string, from: string, to: string): Promise<VersionDiff>;
  /** Moves a version to `status`, audited as `version.status` by `context` (the portal itself by default) when it changes. */
  setStatus(slug: string, version: string, status: LifecycleStatus, context?: AuditContext): Promise<void>;
  /** A document's compatibility mode, and whether it is its own or the portal's default. */
  getCompatibility(slug: string): Promise<DocumentCompatibility>;
  /** Sets a document's compatibility mode (null: follow the default), audited as `document.compatibility` when it changes. */
  setCompatibility(slug: string, mode: CompatibilityMode | null, context?: AuditContext): Promise<DocumentCompatibility>;
  /** The latest version of a document and its lifecycle status; null for an unknown document. */
  latestStatus(slug: string): Promise<LatestStatus | null>;
  /** Every channel of every document's latest version, with its messages' payload schemas. */
  indexedChannels(): Promise<IndexedChannel[]>;
  /**
   * Calls `listener` after each registration that stored a new version and each lifecycle change, made here or (once
   * `changedElsewhere` reports it) by another instance; returns the unsubscribe.
   */
  onChange(listener: () => void): () => void;
  /** Tells the listeners of a change another instance made (its NOTIFY, heard by prisma/store/catalogue-changes.ts). */
  changedElsewhere(): void;
}

export interface CatalogueDeps {
  db: StoreClient;
  validator: DocumentValidator;
  /** Compares versions for governance and diffs; default `inProcessDiffer`. The server passes its parse worker. */
  differ?: DocumentDiffer;
  /** This instance's name, in the NOTIFY each change sends to the others (lib/instance-id.ts); one per catalogue by default. */
  instanceId?: string;
  /** The compatibility mode of documents without one of their own (`COMPATIBILITY`); BACKWARD by default. */
  compatibility?: CompatibilityMode;
}

/**
 * The catalogue's use cases, bound to a database, a validator and a differ. A database out of reach is a
 * `DatabaseUnavailableError`; a NUL in a slug, version or search term a `NulCharacterError`.
 * @example const parser = startParseWorker(); const catalogue = createCatalogue({ db: database.prisma, validator: parser, differ: parser });
 */
export function createCatalogue(deps: CatalogueDeps): Catalogue {
  return reportingOutages(storeCatalogue(deps));
}

function storeCatalogue({
  db,
  validator,
  differ = inProcessDiffer,
  instanceId = newInstanceId(),
  compatibility = DEFAULT_COMPATIBILITY,
}: CatalogueDeps): Catalogue {
  const listeners = new Set<() => void>();
  return {
    async register(raw, options = {}) {
      const bytes = Buffer.byteLength(raw, 'utf8');
      if (bytes > MAX_DOCUMENT_BYTES) throw new DocumentTooLargeError(bytes);
      const result = await validator.validate(raw);
      if (!result.valid) throw new DocumentInvalidError(result.error, result.diagnostics);
      const { document } = result;
      refuseUnorderedVersion(document.version);
      // Refuses a slug of another title before diffing against that document's versions; the write checks again.
      const target = await documentForTitle(db, document.title);
      const { slug } = target;
      const candidate = { resolved: result.resolved, messages: document.messages };
      const mode = target.compatibility ?? compatibility;
      // A new document has nothing to break; should another registration store it first, the write refuses this one.
      const { latestVersion, breakingChanges } = target.stored
        ? await checkCompatibility({ db, validator, differ }, slug, document.version, candidate, mode)
        : { latestVersion: null, breakingChanges: [] };
      if (latestVersion !== null && breakingChanges.length > 0 && !options.force) {
        throw new BreakingChangesError(slug, document.version, latestVersion, breakingChanges, mode);
      }
      const context = options.context ?? PORTAL_CONTEXT;
      const version = {
        raw,
        contentHash: contentHash(raw),
        format: result.format,
        document,
        warnings: result.warnings,
        overriddenChanges: breakingChanges,
        checkedAgainst: latestVersion,
        registeredBy: context.actor,
        slug,
      };
      if (options.dryRun) {
        const outcome = await rehearseRegistration(db, version);
        return { ...outcome, warnings: result.warnings, dryRun: true, ...(outcome.forced ? { overriddenChanges: breakingChanges } : {}) };
      }
      const outcome = await registerVersion(db, version, async (tx, stored) => {
        await recordAudit(tx, registrationEntry(context, stored, breakingChanges));
        await announceCatalogueChange(tx, instanceId);
      });
      if (outcome.status === 'created') notify(listeners);
      return { ...outcome, warnings: result.warnings };
    },
    listDocuments: async (term) => listDocuments(db, searchTerm(term)),
    getDocument: async (slug) => getDocument(db, documentSlug(slug)),
    getVersion: async (slug, version) => getVersion(db, documentSlug(slug), versionName('The version', version)),
    listChannels: async (term) => searchChannels(db, searchTerm(term)),
    diff: async (slug, from, to) =>
      diffStoredVersions(
        { db, validator, differ },
        documentSlug(slug),
        versionName('The version to compare from', from),
        versionName('The version to compare to', to),
      ),
    async setStatus(slug, version, status, context = PORTAL_CONTEXT) {
      const target = `${documentSlug(slug)}@${versionName('The version', version)}`;
      const change = await setVersionStatus(db, slug, version, status, async (tx, { from, to }) => {
        await recordAudit(tx, { ...context, action: 'version.status', target, detail: { version, from, to } });
        await announceCatalogueChange(tx, instanceId);
      });
      if (change) notify(listeners);
    },
    async getCompatibility(slug) {
      const name = documentSlug(slug);
      return compatibilityOf(name, await storedDocumentCompatibility(db, name), compatibility);
    },
    async setCompatibility(slug, mode, context = PORTAL_CONTEXT) {
      const name = documentSlug(slug);
      await setDocumentCompatibility(db, name, mode, (tx, from) =>
        recordAudit(tx, { ...context, action: 'document.compatibility', target: name, detail: { from, to: mode } }),
      );
      return compatibilityOf(name, mode, compatibility);
    },
    latestStatus: async (slug) => latestVersionStatus(db, documentSlug(slug)),
    indexedChannels: () => listIndexedChannels(db),
    onChange(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    changedElsewhere: () => notify(listeners),
  };
}

function compatibilityOf(slug: string, own: CompatibilityMode | null, fallback: CompatibilityMode): DocumentCompatibility {
  const mode = own ?? fallback;
  return { slug, mode, source: own === null ? 'default' : 'document', defaultMode: fallback, description: describeCompatibility(mode) };
}

/** Thrown where a dry run's version would be stored, to roll its transaction back with the outcome it reached. */
class Rehearsed extends Error {
  constructor(readonly outcome: RegisterOutcome) {
    super('a dry run: rolled back');
  }
}

/** Runs the registration's write up to the point of storing, every check included, and rolls it back. */
async function rehearseRegistration(db: StoreClient, version: VersionToStore): Promise<RegisterOutcome> {
  try {
    return await registerVersion(db, version, (_tx, stored) => Promise.reject(new Rehearsed(stored)));
  } catch (error) {
    if (error instanceof Rehearsed) return error.outcome;
    throw error;
  }
}

/** A stored registration's audit entry: forced ones name the breaking changes they overrode. */
function registrationEntry(context: AuditContext, stored: RegisterOutcome, overriddenChanges: Change[]): AuditEntry {
  const target = `${stored.slug}@${stored.version}`;
  return stored.forced
    ? { ...context, action: 'document.register.forced', target, detail: { version: stored.version, overriddenChanges } }
    : { ...context, action: 'document.register', target, detail: { version: stored.version } };
}

/** Versions are ordered, and checked for breaking changes, by SemVer precedence: one without it cannot be placed. */
function refuseUnorderedVersion(version: string): void {
  const problem = semverProblem(version);
  if (problem)
    throw new DocumentInvalidError(problem, [{ severity: 'error', message: problem, path: 'info.version', line: null, column: null }]);
}

/** A listener's failure is its own: it must not fail the registration that already succeeded. */
function notify(listeners: Set<() => void>): void {
  for (const listener of listeners) {
    try {
      listener();
    } catch (error) {
      log.error('a catalogue change listener failed', error);
    }
  }
}

/** Every use case with a database out of reach reported as a `DatabaseUnavailableError`: a 503 on the API, "unavailable" on the pages. */
function reportingOutages(catalogue: Catalogue): Catalogue {
  const outage = (error: unknown): never => {
    throw isDatabaseUnreachable(error) ? new DatabaseUnavailableError(error) : error;
  };
  return {
    register: (raw, options) => catalogue.register(raw, options).catch(outage),
    listDocuments: (term) => catalogue.listDocuments(term).catch(outage),
    getDocument: (slug) => catalogue.getDocument(slug).catch(outage),
    getVersion: (slug, version) => catalogue.getVersion(slug, version).catch(outage),
    listChannels: (term) => catalogue.listChannels(term).catch(outage),
    diff: (slug, from, to) => catalogue.diff(slug, from, to).catch(outage),
    setStatus: (slug, version, status, context) => catalogue.setStatus(slug, version, status, context).catch(outage),
    getCompatibility: (slug) => catalogue.getCompatibility(slug).catch(outage),
    setCompatibility: (slug, mode, context) => catalogue.setCompatibility(slug, mode, context).catch(outage),
    latestStatus: (slug) => catalogue.latestStatus(slug).catch(outage),
    indexedChannels: () => catalogue.indexedChannels().catch(outage),
    onChange: (listener) => catalogue.onChange(listener),
    changedElsewhere: () => catalogue.changedElsewhere(),
  };
}

function searchTerm(term: string | undefined): string | undefined {
  refuseNul('The search term', term);
  const trimmed = term?.trim().slice(0, 200);
  return trimmed ? trimmed : undefined;
}

function documentSlug(slug: string): string {
  refuseNul('The document slug', slug);
  return slug;
}

function versionName(what: string, version: string): string {
  refuseNul(what, version);
  return version;
}
