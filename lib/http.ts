import { MAX_DOCUMENT_BYTES } from '../asyncapi/limits.ts';
import { DocumentTooLargeError, isPortalError } from './errors.ts';
import { log } from './log.ts';

/** A JSON error answer: `{ error, ...details }` with the given status. */
export function jsonError(status: number, error: string, details: Record<string, unknown> = {}): Response {
  return Response.json({ error, ...details }, { status });
}

/** Maps the domain's errors to HTTP; anything unexpected is logged and answered with a 500 that says so. */
export function errorResponse(error: unknown): Response {
  if (isPortalError(error, 'DocumentInvalidError')) return jsonError(422, error.message, { diagnostics: error.diagnostics });
  if (isPortalError(error, 'DocumentTooLargeError')) return jsonError(413, error.message);
  if (isPortalError(error, 'VersionConflictError')) return jsonError(409, error.message, { slug: error.slug, version: error.version });
  if (isPortalError(error, 'BreakingChangesError')) {
    const { slug, version, latestVersion, breakingChanges } = error;
    return jsonError(409, error.message, { slug, version, latestVersion, breakingChanges });
  }
  if (isPortalError(error, 'LatestVersionChangedError'))
    return jsonError(409, error.message, { slug: error.slug, latestVersion: error.latestVersion });
  if (isPortalError(error, 'SlugTakenError'))
    return jsonError(409, error.message, { slug: error.slug, title: error.title, existingTitle: error.existingTitle });
  if (isPortalError(error, 'NotFoundError')) return jsonError(404, error.message);
  if (isPortalError(error, 'PublishInputError')) return jsonError(400, error.message);
  if (isPortalError(error, 'PayloadTooLargeError')) return jsonError(413, error.message);
  if (isPortalError(error, 'PayloadViolationError')) return jsonError(422, error.message, { errors: error.errors });
  if (isPortalError(error, 'BrokerUnavailableError')) return jsonError(503, error.message);
  if (isPortalError(error, 'ParserUnavailableError')) return jsonError(503, error.message);
  if (isPortalError(error, 'ForeignOriginError')) return jsonError(403, error.message);
  if (isPortalError(error, 'UnsupportedMediaTypeError')) return jsonError(415, error.message, { accepted: error.accepted });
  log.error('request failed', error);
  return jsonError(500, 'The portal failed to handle this request; the server log has the details.');
}

/**
 * Reads a request body, refusing it (with `tooLarge`'s error) as soon as it passes the limit rather than
 * buffering an unbounded upload. Defaults suit an AsyncAPI document.
 */
export async function readBody(
  request: Request,
  limit = MAX_DOCUMENT_BYTES,
  tooLarge: (bytes: number) => Error = (bytes) => new DocumentTooLargeError(bytes),
): Promise<Buffer> {
  const declared = Number(request.headers.get('content-length') ?? '0');
  if (declared > limit) throw tooLarge(declared);
  if (!request.body) return Buffer.alloc(0);
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.byteLength;
    if (total > limit) {
      await reader.cancel();
      throw tooLarge(total);
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks);
}

/** The body as UTF-8 text; see `readBody`. */
export async function readBodyText(request: Request, limit?: number, tooLarge?: (bytes: number) => Error): Promise<string> {
  return (await readBody(request, limit, tooLarge)).toString('utf8');
}
