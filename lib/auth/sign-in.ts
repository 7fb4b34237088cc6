import { PayloadTooLargeError } from '../errors.ts';
import { readBodyText } from '../http.ts';
import { addressGroup } from './address-group.ts';
import { clientAddress } from './client-address.ts';
import type { FailureLimiter } from './failure-limiter.ts';

/** The most bytes a sign-in body may have: an email and a password. */
const MAX_SIGN_IN_BYTES = 16 * 1024;

/** Whether this request is `POST /api/auth/sign-in/email`, the endpoint limited by failures. */
export function isEmailSignIn(request: Request, basePath: string): boolean {
  return request.method === 'POST' && new URL(request.url).pathname === `${basePath}/sign-in/email`;
}

/**
 * Runs an email sign-in through `handle` unless its address (an IPv6 one by its /64) or its email has had too many failures lately (429,
 * with Retry-After); a 401 from `handle` (a wrong email or password) counts as a failure against both. Throws
 * `PayloadTooLargeError` for a body over 16 KB.
 * @example return limitSignIn(request, limiter, (r) => auth.handler(r));
 */
export async function limitSignIn(
  request: Request,
  limiter: FailureLimiter,
  handle: (request: Request) => Promise<Response>,
): Promise<Response> {
  const body = await readBodyText(
    request,
    MAX_SIGN_IN_BYTES,
    (bytes) =>
      new PayloadTooLargeError(`The sign-in body is ${bytes} bytes; send { "email", "password" } in at most ${MAX_SIGN_IN_BYTES}.`),
  );
  const keys = [`address:${addressGroup(clientAddress(request))}`, `email:${emailOf(body)}`];
  const retryAfter = limiter.retryAfter(keys);
  if (retryAfter > 0) {
    return Response.json(
      { error: `Too many failed sign-ins from this address or for this email; try again in ${retryAfter} s.`, retryAfter },
      { status: 429, headers: { 'Retry-After': String(retryAfter) } },
    );
  }
  const response = await handle(new Request(request, { body }));
  if (response.status === 401) limiter.recordFailure(keys);
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
