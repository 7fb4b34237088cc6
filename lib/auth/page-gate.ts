import type { Identity } from './identity.ts';
import { accountOfHeaders } from './actor.ts';

/** Pages a signed-out visitor may open in AUTH=required: the sign-in page itself. */
const OPEN_PAGES = ['/login'];
/** Where a user still on an admin's one-time password chooses their own, the one page they may open besides /login. */
const ACCOUNT_PAGE = '/account';
/** Route handlers outside /api (the eda CLI's), which answer 401 in JSON themselves rather than redirect. */
const ROUTE_HANDLERS = ['/topics/', '/deferred-exec'];

/**
 * Where a page request must go instead of its page: `/login?next=<path>` when the portal requires sign-in, the
 * visitor is signed out and `AUTH_ANONYMOUS_READ` is off; `/account?next=<path>` for a user still on an admin's
 * one-time password (anonymous reading or not: they are signed in); null when the page may render (AUTH=local,
 * signed in, the sign-in page, a route handler). Pages read the catalogue directly, so this gate keeps them private.
 * @example const to = await signInRedirect(new URL(request.url), request.headers, services().identity);
 */
export async function signInRedirect(url: URL, headers: Headers, identity: Identity): Promise<URL | null> {
  if (identity.mode === 'local') return null;
  const path = url.pathname;
  if (OPEN_PAGES.includes(path) || ROUTE_HANDLERS.some((prefix) => path === prefix || path.startsWith(prefix))) return null;
  // A refused Bearer token is as good as none, and an actor that cannot be read (the database out of reach) is no
  // actor: the gate fails closed, and /login then says what is wrong.
  const account = await accountOfHeaders(headers, identity).catch(() => null);
  if (account?.mustChangePassword) return path === ACCOUNT_PAGE ? null : withNext(ACCOUNT_PAGE, url);
  if (account || identity.anonymousRead) return null;
  return withNext('/login', url);
}

function withNext(page: string, url: URL): URL {
  const to = new URL(page, url);
  to.searchParams.set('next', `${url.pathname}${url.search}`);
  return to;
}
