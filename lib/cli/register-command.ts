import type { PortalOptions } from './args.ts';
import { collectDocumentFiles } from './collect-files.ts';
import { EXIT, type ExitCode } from './exit-codes.ts';
import type { CliIo } from './io.ts';
import { loadDocument, type LoadedDocument } from './load-document.ts';
import { interpretAnswer, type PortalVerdict } from './portal-answer.ts';
import { postDocument, PortalRequestError } from './portal-client.ts';
import { formatRegistration, type RegisterRow } from './register-format.ts';
import { planRegistration, type PlannedVersion } from './register-plan.ts';

/** How many documents are registered at once; one document's versions always go one after another. */
const CONCURRENT_DOCUMENTS = 4;

const EXIT_OF: Record<RegisterRow['outcome'], ExitCode> = {
  created: EXIT.ok,
  unchanged: EXIT.ok,
  invalid: EXIT.no,
  refused: EXIT.no,
  skipped: EXIT.no,
  failed: EXIT.couldNotRun,
};

/**
 * `event-portal register <files…|dir>`: validates every file locally (an invalid one is reported and not sent),
 * then registers each document's versions in SemVer order, several documents at once. Once a version is refused
 * or unanswered, the document's later versions are skipped: they would be checked against the wrong latest version.
 * Exit 1 when any file is invalid, refused or skipped, 2 when the portal could not be asked.
 */
export async function registerCommand(
  paths: readonly string[],
  options: { recursive: boolean; portal: PortalOptions; format: 'text' | 'json' },
  io: CliIo,
): Promise<ExitCode> {
  const files = await collectDocumentFiles(paths, { recursive: options.recursive });
  const loaded: LoadedDocument[] = [];
  for (const file of files) loaded.push(await loadDocument(file));
  const plan = planRegistration(loaded);
  const registered = await mapConcurrently(plan.documents, CONCURRENT_DOCUMENTS, (versions) => registerInOrder(versions, options.portal));
  const rows = [...registered.flat(), ...plan.invalid.map(invalidRow)];
  io.out(
    options.format === 'json'
      ? `${JSON.stringify(rows, null, 2)}\n`
      : formatRegistration(rows, { token: options.portal.token !== undefined }),
  );
  return Math.max(EXIT.ok, ...rows.map((row) => EXIT_OF[row.outcome])) as ExitCode;
}

async function registerInOrder(versions: readonly PlannedVersion[], portal: PortalOptions): Promise<RegisterRow[]> {
  const rows: RegisterRow[] = [];
  let stopped: string | null = null;
  for (const planned of versions) {
    const row: RegisterRow = stopped ? skippedRow(planned, stopped) : await registerOne(planned, portal);
    if (!stopped && (row.outcome === 'refused' || row.outcome === 'failed'))
      stopped = `not sent, as ${planned.version} was ${row.outcome === 'refused' ? 'refused' : 'not answered'}`;
    rows.push(row);
  }
  return rows;
}

async function registerOne(planned: PlannedVersion, portal: PortalOptions): Promise<RegisterRow> {
  const base = { file: planned.file, document: planned.slug, version: planned.version };
  let verdict: PortalVerdict;
  try {
    verdict = interpretAnswer(await postDocument(portal, planned.text, { dryRun: false }));
  } catch (error) {
    if (!(error instanceof PortalRequestError)) throw error;
    return { ...base, outcome: 'failed', reason: error.message, breakingChanges: [], diagnostics: [] };
  }
  switch (verdict.kind) {
    case 'accepted':
      return {
        ...base,
        document: verdict.slug,
        outcome: verdict.status,
        reason: null,
        httpStatus: verdict.httpStatus,
        breakingChanges: [],
        diagnostics: [],
      };
    case 'refused':
      return {
        ...base,
        outcome: 'refused',
        reason: verdict.error,
        httpStatus: verdict.httpStatus,
        ...(verdict.latestVersion ? { latestVersion: verdict.latestVersion } : {}),
        breakingChanges: verdict.breakingChanges,
        diagnostics: verdict.diagnostics,
      };
    case 'failed':
      return { ...base, outcome: 'failed', reason: verdict.error, httpStatus: verdict.httpStatus, breakingChanges: [], diagnostics: [] };
  }
}

function skippedRow(planned: PlannedVersion, because: string): RegisterRow {
  return {
    file: planned.file,
    document: planned.slug,
    version: planned.version,
    outcome: 'skipped',
    reason: because,
    breakingChanges: [],
    diagnostics: [],
  };
}

function invalidRow(file: Extract<LoadedDocument, { valid: false }>): RegisterRow {
  return {
    file: file.file,
    document: null,
    version: null,
    outcome: 'invalid',
    reason: file.error,
    breakingChanges: [],
    diagnostics: file.diagnostics,
  };
}

/** `fn` over `items` with at most `limit` running at once; the results in the order of `items`. */
async function mapConcurrently<T, R>(items: readonly T[], limit: number, fn: (item: T) => Promise<R>): Promise<R[]> {
  const results: R[] = new Array<R>(items.length);
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < items.length) {
      const index = next++;
      results[index] = await fn(items[index] as T);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return results;
}
