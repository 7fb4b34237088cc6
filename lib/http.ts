import { MAX_DOCUMENT_BYTES } from '../asyncapi/limits.ts';
import type { ZodType } from 'zod';
import { isDatabaseUnreachable } from '../prisma/unreachable.ts';
import { BodyInvalidError, BodyNotJsonError, DatabaseUnavailableError, DocumentTooLargeError, type PortalError } from './errors.ts';
import { readBoundedStream } from './bounded-stream.ts';
import { log } from './log.ts';
import { throttledLog } from './log-throttle.ts';

/** A JSON error answer: `{ error, ...details }` with the given status. */
export function jsonError(status: number, error: string, details: Record<string, unknown> = {}): Response {
  return Response.json({ error, ...details }, { status });
}

/** How long a client should wait before retrying when the database is out of reach: a restart or failover takes seconds. */
const DATABASE_RETRY_AFTER_SECONDS = '5';
/** The same for sign-in while Redis, which holds its failure counts, is out of reach. */
const SIGN_IN_RETRY_AFTER_SECONDS = '5';
/** Sign-in is open to anyone: during an outage a loop on it must not flood the log. */
const logSignInUnavailable = throttledLog((message, cause) => log.error(message, cause), 60_000);

type ErrorResponder<E extends PortalError> = (error: E) => Response;

/** The answer to each portal error, keyed by its name: an error added to `PortalError` without one here fails the type-check. */
const ERROR_RESPONSES: { [N in PortalError['name']]: ErrorResponder<Extract<PortalError, { name: N }>> } = {
  DocumentInvalidError: (e) => jsonError(422, e.message, { diagnostics: e.diagnostics }),
  DocumentTooLargeError: (e) => jsonError(413, e.message),
  VersionConflictError: (e) => jsonError(409, e.message, { slug: e.slug, version: e.version }),
  EquivalentVersionError: (e) => jsonError(409, e.message, { slug: e.slug, version: e.version, existingVersion: e.existingVersion }),
  BreakingChangesError: (e) =>
    jsonError(409, e.message, {
      slug: e.slug,
      version: e.version,
      latestVersion: e.latestVersion,
      mode: e.mode,
      breakingChanges: e.breakingChanges,
    }),
  LatestVersionChangedError: (e) => jsonError(409, e.message, { slug: e.slug, latestVersion: e.latestVersion }),
  SlugTakenError: (e) => jsonError(409, e.message, { slug: e.slug, title: e.title, existingTitle: e.existingTitle }),
  NotFoundError: (e) => jsonError(404, e.message),
  PublishInputError: (e) => jsonError(400, e.message),
  PayloadTooLargeError: (e) => jsonError(413, e.message),
  PayloadViolationError: (e) => jsonError(422, e.message, { errors: e.errors }),
  BrokerUnavailableError: (e) => jsonError(503, e.message),
  PublishBacklogError: (e) => Response.json({ error: e.message }, { status: 503, headers: { 'Retry-After': '1' } }),
  // No Retry-After, as for a deferred event in doubt: the publish may have gone out, and sending it again may deliver it twice.
  PublishOutcomeUnknownError: (e) => jsonError(503, e.message, e.topic === undefined ? {} : { topic: e.topic }),
  DatabaseUnavailableError: (e) => {
    log.error('the catalogue database is unreachable', e.cause);
    return Response.json({ error: e.message }, { status: 503, headers: { 'Retry-After': DATABASE_RETRY_AFTER_SECONDS } });
  },
  SignInUnavailableError: (e) => {
    logSignInUnavailable('a sign-in was refused: its failure counts in Redis cannot be read', e.cause);
    return Response.json({ error: e.message }, { status: 503, headers: { 'Retry-After': SIGN_IN_RETRY_AFTER_SECONDS } });
  },
  NulCharacterError: (e) => jsonError(400, e.message),
  ParserUnavailableError: (e) => jsonError(503, e.message),
  DocumentTooComplexError: (e) => jsonError(422, e.message),
  ForeignOriginError: (e) => jsonError(403, e.message),
  UnsupportedMediaTypeError: (e) => jsonError(415, e.message, { accepted: e.accepted }),
  BodyNotJsonError: (e) => jsonError(400, e.message),
  BodyInvalidError: (e) => jsonError(422, e.message, { issues: e.issues }),
  SignInRequiredError: (e) => jsonError(401, e.message),
  RoleRequiredError: (e) => jsonError(403, e.message, { required: e.required }),
  PasswordChangeRequiredError: (e) => jsonError(403, e.message, { reason: 'password-change-required', changeAt: '/account' }),
  TokenRejectedError: (e) => jsonError(401, e.message, { reason: e.reason }),
  TokenNotFoundError: (e) => jsonError(404, e.message, { id: e.id }),
  TokenMintingRefusedError: (e) => jsonError(403, e.message),
  EmailTakenError: (e) => jsonError(409, e.message, { email: e.email }),
  UserNotFoundError: (e) => jsonError(404, e.message),
  UserChangeRefusedError: (e) => jsonError(409, e.message),
  AuditQueryError: (e) => jsonError(400, e.message, { parameter: e.parameter }),
  TrafficQueryError: (e) => jsonError(400, e.message, { parameter: e.parameter }),
  // Other instances' defers took every id chosen for this one (lib/audit/sending.ts tries 5): a moment later it goes through.
  DeferredIdTakenError: (e) => Response.json({ error: e.message }, { status: 503, headers: { 'Retry-After': '1' } }),
  // No Retry-After: sending it again may queue it twice; the message says to look at /queue first.
  DeferredOutcomeUnknownError: (e) => Response.json({ error: e.message, eventId: e.id }, { status: 503 }),
  // Thrown at start-up only, before any request; answered all the same, as every typed error is.
  PgliteLockedError: (e) => jsonError(503, e.message),
  // A row changed outside the portal: nothing the client can do about it, so it is logged like any fault.
  StoredValueError: (e) => internalError(e),
  RecordingNotFoundError: (e) => jsonError(404, e.message, { id: e.id }),
  RecordingStateError: (e) => jsonError(409, e.message, { state: e.state }),
  RecordingQueryError: (e) => jsonError(400, e.message, { parameter: e.parameter }),
};

/**
 * Maps the portal's errors to HTTP by name, and a driver's error for a database out of reach to a 503;
 * anything else is logged and answered with a 500 that says so.
 */
export function errorResponse(error: unknown): Response {
  if (isMappedError(error)) return respond(error);
  if (isDatabaseUnreachable(error)) return respond(new DatabaseUnavailableError(error));
  return internalError(error);
}

// By name, not `instanceof`: Next bundles the routes apart from server.ts, which throws most errors (see isPortalError).
function isMappedError(error: unknown): error is PortalError {
  return error instanceof Error && Object.hasOwn(ERROR_RESPONSES, error.name);
}

function respond<N extends PortalError['name']>(error: Extract<PortalError, { name: N }>): Response {
  const responder: ErrorResponder<Extract<PortalError, { name: N }>> = ERROR_RESPONSES[error.name];
  return responder(error);
}

function internalError(error: unknown): Response {
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
  return readBoundedStream(request.body, limit, tooLarge);
}

/** The body as UTF-8 text; see `readBody`. */
export async function readBodyText(request: Request, limit?: number, tooLarge?: (bytes: number) => Error): Promise<string> {
  return (await readBody(request, limit, tooLarge)).toString('utf8');
}

export interface JsonBodyOptions {
  /** The most bytes the body may have. */
  limit: number;
  /** The error for a body over the limit, which says what to send instead. */
  tooLarge: (bytes: number) => Error;
  /** A body the endpoint takes, shown when what was sent is not JSON: `{ "status": "deprecated" }`. */
  example: string;
}

/**
 * Reads a JSON body and checks it against the endpoint's zod schema: a `BodyNotJsonError` (400) when it is
 * not JSON, a `BodyInvalidError` (422, with each issue's path) when it does not match; see `readBody` for the limit.
 * @example const { status } = await readJson(request, VersionStatusSchema, { limit: 4096, tooLarge, example: '{ "status": "deprecated" }' });
 */
export async function readJson<T>(request: Request, schema: ZodType<T>, options: JsonBodyOptions): Promise<T> {
  const text = await readBodyText(request, options.limit, options.tooLarge);
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    throw new BodyNotJsonError(`The body is not JSON: send ${options.example}.`);
  }
  const parsed = schema.safeParse(body);
  if (parsed.success) return parsed.data;
  throw new BodyInvalidError(parsed.error.issues.map((issue) => ({ path: issue.path.map(String).join('.'), message: issue.message })));
}
