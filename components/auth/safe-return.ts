/**
 * Where to go after signing in: `next` when it is a path on this site (`/documents/x?tab=1`), else the catalogue;
 * never another site (`//evil.example`, `https://…`), so the sign-in page cannot be used to send people elsewhere.
 * @example safeReturnPath('/live') // '/live'; safeReturnPath('//evil.example') // '/'
 */
export function safeReturnPath(next: string | undefined): string {
  if (!next || !next.startsWith('/') || next.startsWith('//') || next.startsWith('/\\')) return '/';
  return next;
}
