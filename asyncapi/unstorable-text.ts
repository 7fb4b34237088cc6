import type { Diagnostic } from './types.ts';

/** With the `u` flag a surrogate pair is one code point, so this matches only a surrogate without its other half. */
const UNPAIRED_SURROGATE = /\p{Cs}/u;

/**
 * The first key or string value PostgreSQL cannot store, as an error at its path; null when there is none: a NUL
 * character (`"\u0000"` written as an escape), which it takes neither as text nor in JSON columns, or half of a
 * surrogate pair (`"\ud800"` alone), which is not Unicode text at all.
 * @example findUnstorableText({ info: { title: 'a\u0000' } }) // { severity: 'error', path: 'info.title', … }
 */
export function findUnstorableText(root: unknown): Diagnostic | null {
  const seen = new Set<object>();
  const pending: [unknown, string][] = [[root, '']];
  for (let next = pending.pop(); next; next = pending.pop()) {
    const [value, path] = next;
    if (typeof value === 'string') {
      const problem = textProblem(value, path);
      if (problem) return problem;
      continue;
    }
    if (typeof value !== 'object' || value === null || seen.has(value)) continue;
    seen.add(value);
    for (const [key, child] of Object.entries(value)) {
      const childPath = path ? `${path}.${key}` : key;
      const problem = textProblem(key, childPath);
      if (problem) return problem;
      pending.push([child, childPath]);
    }
  }
  return null;
}

function textProblem(text: string, path: string): Diagnostic | null {
  if (text.includes('\u0000')) return unstorableAt(path, 'a NUL character (\\u0000)');
  if (UNPAIRED_SURROGATE.test(text)) return unstorableAt(path, 'half of a UTF-16 surrogate pair (an escape such as \\ud800 alone)');
  return null;
}

function unstorableAt(path: string, what: string): Diagnostic {
  const shown = path.replaceAll('\u0000', '\\u0000').replace(/\p{Cs}/gu, (half) => `\\u${half.charCodeAt(0).toString(16)}`);
  const message = `\`${shown}\` contains ${what}, which the catalogue cannot store: remove it.`;
  return { severity: 'error', message, path, line: null, column: null };
}
