import type { Change } from '../../asyncapi/diff/types.ts';
import type { Diagnostic } from '../../asyncapi/types.ts';

export type SubmitOutcome =
  | { kind: 'registered'; status: 'created' | 'unchanged'; slug: string; version: string; forced: boolean; warnings: Diagnostic[] }
  /** Refused for breaking changes without a major version bump; `force` registers it anyway. */
  | { kind: 'breaking'; error: string; breakingChanges: Change[] }
  | { kind: 'invalid'; error: string; diagnostics: Diagnostic[] }
  | { kind: 'failed'; error: string };

type Body = Record<string, unknown> | null;

/** JSON for text that starts like JSON, YAML otherwise (YAML is a superset, so the server copes either way). */
function contentTypeOf(raw: string): string {
  const first = raw.trimStart()[0];
  return first === '{' || first === '[' ? 'application/json' : 'application/yaml';
}

/**
 * POSTs the raw document to /api/documents (with `?force=true` when forced) and says what happened; never throws.
 * @example const outcome = await submitDocument(textarea.value);
 */
export async function submitDocument(raw: string, { force = false }: { force?: boolean } = {}): Promise<SubmitOutcome> {
  let response: Response;
  try {
    response = await fetch(force ? '/api/documents?force=true' : '/api/documents', {
      method: 'POST',
      headers: { 'Content-Type': contentTypeOf(raw) },
      body: raw,
    });
  } catch (error) {
    return {
      kind: 'failed',
      error: `The portal could not be reached (${error instanceof Error ? error.message : String(error)}). Check that it is running and try again.`,
    };
  }
  const body = await readJson(response);
  const error = typeof body?.error === 'string' ? body.error : undefined;
  if (response.ok && body && (body.status === 'created' || body.status === 'unchanged') && typeof body.slug === 'string') {
    return {
      kind: 'registered',
      status: body.status,
      slug: body.slug,
      version: String(body.version),
      forced: body.forced === true,
      warnings: Array.isArray(body.warnings) ? (body.warnings as Diagnostic[]) : [],
    };
  }
  if (response.status === 409 && Array.isArray(body?.breakingChanges)) {
    return { kind: 'breaking', error: error ?? 'The version has breaking changes.', breakingChanges: body.breakingChanges as Change[] };
  }
  if (response.status === 422) {
    return {
      kind: 'invalid',
      error: error ?? 'The document is not valid AsyncAPI.',
      diagnostics: Array.isArray(body?.diagnostics) ? (body.diagnostics as Diagnostic[]) : [],
    };
  }
  return {
    kind: 'failed',
    error: error ?? `The portal answered with HTTP ${response.status} and no explanation; the server log has the details.`,
  };
}

async function readJson(response: Response): Promise<Body> {
  try {
    const body: unknown = await response.json();
    return body !== null && typeof body === 'object' ? (body as Record<string, unknown>) : null;
  } catch {
    return null;
  }
}
