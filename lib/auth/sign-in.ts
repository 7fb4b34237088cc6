import { PayloadTooLargeError } from '../errors.ts';
import { readBodyText } from '../http.ts';
import { addressGroup } from './address-group.ts';
import { CLIENT_ADDRESS_HEADER, clientAddress } from './client-address.ts';
import type { FailureLimiter } from './failure-limiter.ts';

/** The most bytes a sign-in body may have: an email and a password. */
const MAX_SIGN_IN_BYTES = 16 * 1024;

/** Whether this request is `POST /api/auth/sign-in/email`, the endpoint limited by failures. */
export function isEmailSignIn(request: Request, basePath: string): boolean {
  return request.method === 'POST' && new URL(request.url).pathname === `${basePath}/sign-in/email`;
}

/** Why a sign-in failed, by better-auth's answer: the attempts the audit log keeps as `user.login.failed`. */
const FAILURE_REASONS: Partial<Record<number, string>> = { 401: 'wrong email or password', 403: 'account deactivated' };

/** Told of each sign-in that reached the password check and failed (lib/audit/sign-in-audit.ts records it). */
export type OnSignInFailure = (attempt: { email: string; reason: string; ip: string | null }) => Promise<void>;

/**
 * Runs an email sign-in through `handle` unless its address (an IPv6 one by its /64) or its email has had too many failures lately (429,
 * with Retry-After); a 401 from `handle` (a wrong email or password) counts as a failure against both. A 401 or 403
 * (deactivated) is told to `onFailure`; a refused (429) attempt is not: it never reached the password check, and a
 * row for each would let a flood grow the audit log as fast as it sends. Throws `PayloadTooLargeError` for a body
 * over 16 KB, and `SignInUnavailableError` when the limiter cannot count (Redis out of reach).
 * @example return limitSignIn(request, limiter, (r) => auth.handler(r), (attempt) => recordFailedSignIn(db, attempt));
 */
export async function limitSignIn(
  request: Request,
  limiter: FailureLimiter,
  handle: (request: Request) => Promise<Response>,
  onFailure?: OnSignInFailure,
): Promise<Response> {
  const body = await readBodyText(
    request,
    MAX_SIGN_IN_BYTES,
    (bytes) =>
      new PayloadTooLargeError(`The sign-in body is ${bytes} bytes; send { "email", "password" } in at most ${MAX_SIGN_IN_BYTES}.`),
  );
  const email = emailOf(body);
  const keys = [`address:${addressGroup(clientAddress(request))}`, `email:${email}`];
  // Counted before the password is checked and taken back unless it was wrong, so that attempts sent together cannot
  // all pass the check before any of them is counted (on every instance: the Redis limiter does both in one step).
  const admission = await limiter.admit(keys);
  if (!admission.admitted) {
    const { retryAfter } = admission;
    return Response.json(
      { error: `Too many failed sign-ins from this address or for this email; try again in ${retryAfter} s.`, retryAfter },
      { status: 429, headers: { 'Retry-After': String(retryAfter) } },
    );
  }
  const response = await handle(new Request(request, { body })).catch(async (error: unknown) => {
    await limiter.forgive(keys, admission.ticket);
    throw error;
  });
  if (response.status !== 401) await limiter.forgive(keys, admission.ticket);
  const reason = FAILURE_REASONS[response.status];
  if (reason) await onFailure?.({ email, reason, ip: request.headers.get(CLIENT_ADDRESS_HEADER) });
  return response;
}

/** The email a sign-in body names, as better-auth compares it (lower case), or empty when it names none. */
function emailOf(body: string): string {
  try {
    const parsed: unknown = JSON.parse(body);
    if (typeof parsed === 'object' && parsed !== null && 'email' in parsed && typeof parsed.email === 'string') {
      return parsed.email.trim().toLowerCase();
    }
  } catch {
    // better-auth answers a body that is not JSON itself.
  }
  return '';
}
