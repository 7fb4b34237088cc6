import { MAX_DOCUMENT_BYTES } from '../asyncapi/limits.ts';
import type { Change } from '../asyncapi/diff/types.ts';
import { isTransitive, type CompatibilityMode } from '../asyncapi/compatibility.ts';
import type { PayloadIssue } from '../asyncapi/payload-schema.ts';
import type { Diagnostic } from '../asyncapi/types.ts';
import type { DocumentTooComplexError, ParserUnavailableError } from '../asyncapi/parse-errors.ts';
import type { Role } from './auth/roles.ts';
import type { EmailTakenError, UserChangeRefusedError, UserNotFoundError } from './auth/user-errors.ts';
import type { DeferredIdTakenError, DeferredOutcomeUnknownError } from './broker/deferred-queue.ts';
import type { PgliteLockedError } from '../prisma/pglite-lock.ts';
import { CATALOGUE_UNAVAILABLE_DIGEST } from './common/catalogue-unavailable.ts';
import type {
  EquivalentVersionError,
  LatestVersionChangedError,
  NotFoundError,
  SlugTakenError,
  StoredValueError,
  VersionConflictError,
} from '../prisma/store/errors.ts';

/** The document failed validation: nothing was stored. */
export class DocumentInvalidError extends Error {
  override readonly name = 'DocumentInvalidError' as const;
  constructor(
    message: string,
    readonly diagnostics: Diagnostic[],
  ) {
    super(message);
  }
}

export class DocumentTooLargeError extends Error {
  override readonly name = 'DocumentTooLargeError' as const;
  constructor(readonly bytes: number) {
    super(`The document is ${bytes} bytes; the limit is ${MAX_DOCUMENT_BYTES} bytes (5 MB). Split it or remove unused components.`);
  }
}

/** A new version breaks its users without a major version bump: nothing was stored. */
export class BreakingChangesError extends Error {
  override readonly name = 'BreakingChangesError' as const;
  constructor(
    readonly slug: string,
    readonly version: string,
    readonly latestVersion: string,
    /** Each with the version it breaks against (`against`) and which way it was read (`direction`). */
    readonly breakingChanges: (Change & { against: string })[],
    readonly mode: CompatibilityMode = 'BACKWARD',
  ) {
    const count = breakingChanges.length === 1 ? '1 breaking change' : `${breakingChanges.length} breaking changes`;
    const against = [...new Set(breakingChanges.map((change) => change.against))].join(', ');
    super(
      isTransitive(mode)
        ? `Version ${version} of "${slug}" has ${count} against ${against} under ${mode}, which checks every earlier version ` +
            'whatever the version bump. Register it anyway with ?force=true (the override is recorded), or change the ' +
            "document's compatibility mode."
        : `Version ${version} of "${slug}" has ${count} against ${latestVersion} without a major version bump (compatibility mode ${mode}). ` +
            'Bump the major version of info.version, or register it anyway with ?force=true (the override is recorded).',
    );
  }
}

/** A topic or payload a publish request cannot use. */
export class PublishInputError extends Error {
  override readonly name = 'PublishInputError' as const;
}

/** A query parameter of `GET /api/audit` (or the /audit page) that cannot be used; `parameter` names it. */
export class AuditQueryError extends Error {
  override readonly name = 'AuditQueryError' as const;
  constructor(
    readonly parameter: string,
    message: string,
  ) {
    super(message);
  }
}

/** A query parameter of `GET /api/traffic` that cannot be used; `parameter` names it. */
export class TrafficQueryError extends Error {
  override readonly name = 'TrafficQueryError' as const;
  constructor(
    readonly parameter: string,
    message: string,
  ) {
    super(message);
  }
}

export class PayloadTooLargeError extends Error {
  override readonly name = 'PayloadTooLargeError' as const;
}

/** A payload does not match the schema it was published against: nothing was sent. */
export class PayloadViolationError extends Error {
  override readonly name = 'PayloadViolationError' as const;
  constructor(
    message: string,
    readonly errors: PayloadIssue[],
  ) {
    super(message);
  }
}

/** Redis cannot be reached right now; the request may be retried. */
export class BrokerUnavailableError extends Error {
  override readonly name = 'BrokerUnavailableError' as const;
  constructor(cause?: string) {
    super(`The broker (Redis) is unreachable${cause ? ` (${cause})` : ''}; the portal keeps retrying. Try again once it is back.`);
  }
}

/** More audited publishes are waiting for their rows than one process holds (each keeps its payload): 503. */
export class PublishBacklogError extends Error {
  override readonly name = 'PublishBacklogError' as const;
  constructor(waiting: number) {
    super(`${waiting} publishes are already waiting for their audit rows to be stored; nothing was sent. Try again shortly.`);
  }
}

/**
 * Redis did not confirm an audited PUBLISH in time (a server that stopped answering, a connection that swallows
 * replies): it may have been delivered all the same, so it is neither audited nor to be retried blindly. 503 without
 * Retry-After; `topic` is what it was sent to.
 */
export class PublishOutcomeUnknownError extends Error {
  override readonly name = 'PublishOutcomeUnknownError' as const;
  constructor(
    waitedMs: number,
    readonly topic?: string,
  ) {
    super(
      `The broker (Redis) did not confirm the publish${topic === undefined ? '' : ` to "${topic}"`} within ${waitedMs / 1000} s; ` +
        'it may have been delivered all the same, and it was not audited. Check with a subscriber before publishing it again.',
    );
  }
}

/**
 * Sign-in is paused because its failure counts (in Redis, shared by every instance) cannot be read: 503. Passwords
 * are not tried uncounted; sessions already signed in keep working.
 */
export class SignInUnavailableError extends Error {
  override readonly name = 'SignInUnavailableError' as const;
  /** `cause` is Redis's error, for the server log only: it may name hosts and ports. */
  constructor(cause?: unknown) {
    super(
      'Sign-in is unavailable: the portal counts failed sign-ins in Redis, which it cannot reach right now. ' +
        'Try again shortly; if you are signed in already, you stay signed in.',
      { cause },
    );
  }
}

/** The catalogue database cannot be reached (down, restarting, or the connection dropped); the request may be retried. */
export class DatabaseUnavailableError extends Error {
  override readonly name = 'DatabaseUnavailableError' as const;
  /** Kept by Next for a page that throws this, so app/error.tsx can say the catalogue is unavailable. */
  readonly digest = CATALOGUE_UNAVAILABLE_DIGEST;
  /** `cause` is the driver's error, for the server log only: it names hosts and ports. */
  constructor(cause?: unknown) {
    super('The catalogue database is unavailable; try again shortly.', { cause });
  }
}

/** A NUL character in a URL parameter or field: PostgreSQL text cannot hold one, so nothing can match it. */
export class NulCharacterError extends Error {
  override readonly name = 'NulCharacterError' as const;
  constructor(what: string) {
    super(`${what} contains a NUL character (%00), which the catalogue cannot store or search; remove it.`);
  }
}

/** A browser request from another site, refused so that pages elsewhere cannot act through a visitor's browser. */
export class ForeignOriginError extends Error {
  override readonly name = 'ForeignOriginError' as const;
}

/** A body sent with a Content-Type the endpoint does not take (a cross-site form or `no-cors` fetch sends text/plain). */
export class UnsupportedMediaTypeError extends Error {
  override readonly name = 'UnsupportedMediaTypeError' as const;
  constructor(
    received: string | null,
    readonly accepted: readonly string[],
  ) {
    super(`Send the body with Content-Type: ${accepted.join(' or ')} (got ${received ? received : 'none'}).`);
  }
}

/** A JSON endpoint was sent a body that is not JSON; the message shows what to send. */
export class BodyNotJsonError extends Error {
  override readonly name = 'BodyNotJsonError' as const;
}

/** Where a JSON body breaks its endpoint's schema: a dotted path into the body (empty for the whole) and why. */
export interface BodyIssue {
  path: string;
  message: string;
}

/** A JSON body that does not match its endpoint's schema: nothing was done. */
export class BodyInvalidError extends Error {
  override readonly name = 'BodyInvalidError' as const;
  constructor(readonly issues: BodyIssue[]) {
    super(issues.map((issue) => issue.message).join('; '));
  }
}

/** A request with no valid session where one is needed (AUTH=required): sign in first. */
export class SignInRequiredError extends Error {
  override readonly name = 'SignInRequiredError' as const;
  constructor() {
    super('Sign in first: POST /api/auth/sign-in/email with { "email", "password" } sets the session cookie.');
  }
}

/** A signed-in actor whose role is below what the action needs. */
export class RoleRequiredError extends Error {
  override readonly name = 'RoleRequiredError' as const;
  constructor(
    readonly required: Role,
    role: Role,
  ) {
    super(`This needs the ${required} role; you are ${role === 'admin' ? 'an' : 'a'} ${role}. Ask an admin for the role.`);
  }
}

/** A user still on the one-time password an admin handed over (403): they choose their own before anything else. */
export class PasswordChangeRequiredError extends Error {
  override readonly name = 'PasswordChangeRequiredError' as const;
  constructor() {
    super(
      'Choose your own password first: you signed in with a one-time password. Open /account, or POST /api/auth/change-password with { "currentPassword", "newPassword" }.',
    );
  }
}

/** Why an API token was refused: not a token's shape, no such token, past its expiry, revoked, or its user deactivated. */
export type TokenRejection = 'malformed' | 'unknown' | 'expired' | 'revoked' | 'owner-deactivated' | 'ownerless';

const TOKEN_REJECTIONS: Record<TokenRejection, string> = {
  malformed: 'The Authorization header holds no API token: send `Authorization: Bearer ept_…` with a token from /tokens.',
  unknown: 'The API token is unknown: it was never issued here, or it was mistyped. Create one on /tokens.',
  expired: 'The API token has expired: create a new one on /tokens.',
  revoked: 'The API token was revoked: create a new one on /tokens.',
  'owner-deactivated': 'The API token belongs to a deactivated user: ask an admin for a new one.',
  ownerless:
    'The API token was made under AUTH=local and belongs to no user, so it is not accepted with AUTH=required: sign in and create one on /tokens.',
};

/** A request whose `Authorization: Bearer` token is refused (401): the reason says which, and no cookie is tried instead. */
export class TokenRejectedError extends Error {
  override readonly name = 'TokenRejectedError' as const;
  constructor(readonly reason: TokenRejection) {
    super(TOKEN_REJECTIONS[reason]);
  }
}

/** A token asking for a token: refused (403), or a leaked token could mint others that outlive its revocation and expiry. */
export class TokenMintingRefusedError extends Error {
  override readonly name = 'TokenMintingRefusedError' as const;
  constructor() {
    super('An API token cannot create API tokens: sign in (or use AUTH=local) and create it on /tokens.');
  }
}

/** No API token of that id, or one the caller may not see (another user's): the same answer, so ids cannot be probed. */
export class TokenNotFoundError extends Error {
  override readonly name = 'TokenNotFoundError' as const;
  constructor(readonly id: string) {
    super(`No API token "${id}" of yours was found: GET /api/tokens lists the tokens you may revoke.`);
  }
}

/** No recording of that id. */
export class RecordingNotFoundError extends Error {
  override readonly name = 'RecordingNotFoundError' as const;
  constructor(readonly id: string) {
    super(`No recording "${id}" was found: GET /api/recordings lists them.`);
  }
}

/** The recording cannot do that in its state (`state`): replaying one still recording, or a replay already running. */
export class RecordingStateError extends Error {
  override readonly name = 'RecordingStateError' as const;
  constructor(
    message: string,
    readonly state: string,
  ) {
    super(message);
  }
}

/** A query parameter of `GET /api/recordings/:id/messages` that cannot be used; `parameter` names it. */
export class RecordingQueryError extends Error {
  override readonly name = 'RecordingQueryError' as const;
  constructor(
    message: string,
    readonly parameter: string,
  ) {
    super(message);
  }
}

/** Every typed error of the portal: lib/http.ts answers each one by name, so adding one here without an answer fails the type-check. */
export type PortalError =
  | DocumentInvalidError
  | DocumentTooLargeError
  | VersionConflictError
  | EquivalentVersionError
  | BreakingChangesError
  | LatestVersionChangedError
  | SlugTakenError
  | NotFoundError
  | PublishInputError
  | PayloadTooLargeError
  | PayloadViolationError
  | BrokerUnavailableError
  | PublishBacklogError
  | PublishOutcomeUnknownError
  | DatabaseUnavailableError
  | SignInUnavailableError
  | NulCharacterError
  | ParserUnavailableError
  | DocumentTooComplexError
  | ForeignOriginError
  | UnsupportedMediaTypeError
  | BodyNotJsonError
  | BodyInvalidError
  | SignInRequiredError
  | RoleRequiredError
  | PasswordChangeRequiredError
  | TokenRejectedError
  | TokenNotFoundError
  | TokenMintingRefusedError
  | EmailTakenError
  | UserNotFoundError
  | UserChangeRefusedError
  | AuditQueryError
  | TrafficQueryError
  | DeferredIdTakenError
  | DeferredOutcomeUnknownError
  | PgliteLockedError
  | StoredValueError
  | RecordingNotFoundError
  | RecordingStateError
  | RecordingQueryError;

/**
 * Whether `error` is the portal error of that name. Next bundles the routes apart from server.ts,
 * which throws the errors, so the two hold different copies of each class and `instanceof` fails.
 * @example if (isPortalError(error, 'NotFoundError')) return jsonError(404, error.message);
 */
export function isPortalError<N extends PortalError['name']>(error: unknown, name: N): error is Extract<PortalError, { name: N }> {
  return error instanceof Error && error.name === name;
}
