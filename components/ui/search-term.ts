/**
 * The search term of a page's `?q=`, trimmed and without NUL characters (no stored text can hold one, and the
 * API refuses them); undefined when absent or blank.
 */
export function searchTerm(q: string | string[] | undefined): string | undefined {
  const value = Array.isArray(q) ? q[0] : q;
  return value?.replaceAll('\u0000', '').trim().slice(0, 200) || undefined;
}
