import type { Identity } from './identity.ts';
import { actorOfHeaders } from './actor.ts';

/** Pages a signed-out visitor may open in AUTH=required: the sign-in page itself. */
const OPEN_PAGES = ['/login'];
/** Route handlers outside /api (the eda CLI's), which answer 401 in JSON themselves rather than redirect. */
const ROUTE_HANDLERS = ['/topics/', '/deferred-exec'];

/**
 * Where a page request must go instead of its page: `/login?next=<path>` when the portal requires sign-in, the
 * visitor is signed out and `AUTH_ANONYMOUS_READ` is off; null when the page may render (AUTH=local, signed in, the
 * sign-in page, a route handler). Pages read the catalogue directly, so this gate is what keeps them private.
 * @example const to = await signInRedirect(new URL(request.url), request.headers, services().identity);
 */
export async function signInRedirect(url: URL, headers: Headers, identity: Identity): Promise<URL | null> {
  if (identity.mode === 'local' || identity.anonymousRead) return null;
  const path = url.pathname;
  if (OPEN_PAGES.includes(path) || ROUTE_HANDLERS.some((prefix) => path === prefix || path.startsWith(prefix))) return null;
  // A refused Bearer token is as good as none, and an actor that cannot be read (the database out of reach) is no
  // actor: the gate fails closed, and /login then says what is wrong.
  if (await actorOfHeaders(headers, identity).catch(() => null)) return null;
  const login = new URL('/login', url);
  login.searchParams.set('next', `${path}${url.search}`);
  return login;
}
