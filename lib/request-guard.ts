import { ForeignOriginError, UnsupportedMediaTypeError } from './errors.ts';
import { checkOrigin } from './origin.ts';

/** The Content-Types of a JSON endpoint. */
export const JSON_BODY = ['application/json'] as const;

/** The Content-Types of an AsyncAPI document: JSON or YAML, generic or AsyncAPI's own. */
export const DOCUMENT_BODY = [
  'application/json',
  'application/yaml',
  'application/x-yaml',
  'text/yaml',
  'application/vnd.aai.asyncapi+json',
  'application/vnd.aai.asyncapi+yaml',
] as const;

export interface StateChangeRules {
  /** Origins besides the request's own whose pages may change state: `services().allowedOrigins`. */
  allowedOrigins: readonly string[];
  /** The Content-Types the body may have; absent, any (the seed system's endpoints). */
  accept?: readonly string[];
}

/**
 * Call first in every handler that changes state: throws `ForeignOriginError` (403) for a browser request from
 * another site (see `checkOrigin`) and, with `accept`, `UnsupportedMediaTypeError` (415) for a body of another
 * Content-Type. None of the accepted types is one a page may send cross-site without a CORS preflight.
 * @example guardStateChange(request, { allowedOrigins: services().allowedOrigins, accept: JSON_BODY });
 */
export function guardStateChange(request: Request, { accept, allowedOrigins }: StateChangeRules): void {
  const header = (name: string): string | undefined => request.headers.get(name) ?? undefined;
  const verdict = checkOrigin({ origin: header('origin'), secFetchSite: header('sec-fetch-site'), host: header('host') }, allowedOrigins);
  if (!verdict.allowed) throw new ForeignOriginError(verdict.reason);
  if (!accept) return;
  const contentType = request.headers.get('content-type');
  const mediaType = contentType?.split(';')[0]?.trim().toLowerCase();
  if (!mediaType || !accept.includes(mediaType)) throw new UnsupportedMediaTypeError(contentType, accept);
}
