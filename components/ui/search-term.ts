/** The search term of a page's `?q=`, trimmed; undefined when absent or blank. */
export function searchTerm(q: string | string[] | undefined): string | undefined {
  const value = Array.isArray(q) ? q[0] : q;
  return value?.trim().slice(0, 200) || undefined;
}
