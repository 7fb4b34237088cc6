import { NextResponse, type NextRequest } from 'next/server';
import { signInRedirect } from './lib/auth/page-gate.ts';
import { contentSecurityPolicy, createNonce } from './lib/content-security-policy.ts';
import { services } from './lib/services.ts';

/**
 * Sends signed-out visitors of a page to /login when the portal requires sign-in (prefetches and client-side
 * navigations included: they carry the page's data), and gives every page a Content-Security-Policy with a fresh
 * script nonce. Next.js takes the nonce from the request's copy of the header while rendering (so pages must render
 * per request: see app/layout.tsx), the browser from the response's.
 */
export async function proxy(request: NextRequest): Promise<NextResponse> {
  const signIn = await signInRedirect(new URL(request.url), request.headers, services().identity);
  if (signIn) return NextResponse.redirect(signIn);
  // Prefetches carry no HTML of their own: a nonce there would be one the page never uses.
  if (isPrefetch(request.headers)) return NextResponse.next();
  const policy = contentSecurityPolicy(createNonce());
  const headers = new Headers(request.headers);
  headers.set('Content-Security-Policy', policy);
  const response = NextResponse.next({ request: { headers } });
  response.headers.set('Content-Security-Policy', policy);
  return response;
}

function isPrefetch(headers: Headers): boolean {
  return headers.has('next-router-prefetch') || headers.get('purpose') === 'prefetch';
}

export const config = {
  // Built assets run no inline script and need no sign-in; the JSON API checks roles itself and gets its fixed
  // policy from next.config.js.
  matcher: ['/((?!api/|_next/static|_next/image|favicon.ico|icon.svg).*)'],
};
