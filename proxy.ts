import { NextResponse, type NextRequest } from 'next/server';
import { contentSecurityPolicy, createNonce } from './lib/content-security-policy.ts';

/**
 * Gives every page a Content-Security-Policy with a fresh script nonce. Next.js takes the nonce from the request's
 * copy of the header while rendering (so pages must render per request: see app/layout.tsx), the browser from the
 * response's.
 */
export function proxy(request: NextRequest): NextResponse {
  const policy = contentSecurityPolicy(createNonce());
  const headers = new Headers(request.headers);
  headers.set('Content-Security-Policy', policy);
  const response = NextResponse.next({ request: { headers } });
  response.headers.set('Content-Security-Policy', policy);
  return response;
}

export const config = {
  matcher: [
    {
      // Built assets run no inline script, and the JSON API gets its fixed policy from next.config.js.
      source: '/((?!api/|_next/static|_next/image|favicon.ico|icon.svg).*)',
      // Prefetches carry no HTML of their own: a nonce there would be one the page never uses.
      missing: [
        { type: 'header', key: 'next-router-prefetch' },
        { type: 'header', key: 'purpose', value: 'prefetch' },
      ],
    },
  ],
};
