import type { Diagnostic } from './types.ts';

/**
 * The first key or string value holding a NUL character (`"\u0000"` written as an escape), which
 * PostgreSQL can store neither as text nor in JSON columns, as an error at its path; null when there is none.
 * @example findNulCharacter({ info: { title: 'a\u0000' } }) // { severity: 'error', path: 'info.title', … }
 */
export function findNulCharacter(root: unknown): Diagnostic | null {
  const seen = new Set<object>();
  const pending: [unknown, string][] = [[root, '']];
  for (let next = pending.pop(); next; next = pending.pop()) {
    const [value, path] = next;
    if (typeof value === 'string') {
      if (value.includes('\u0000')) return nulAt(path);
      continue;
    }
    if (typeof value !== 'object' || value === null || seen.has(value)) continue;
    seen.add(value);
    for (const [key, child] of Object.entries(value)) {
      const childPath = path ? `${path}.${key}` : key;
      if (key.includes('\u0000')) return nulAt(childPath);
      pending.push([child, childPath]);
    }
  }
  return null;
}

function nulAt(path: string): Diagnostic {
  const message = `\`${path.replaceAll('\u0000', '\\u0000')}\` contains a NUL character (\\u0000), which the catalogue cannot store: remove it.`;
  return { severity: 'error', message, path, line: null, column: null };
}
