/**
 * Compiles a Redis glob pattern (as PSUBSCRIBE reads it: `*`, `?`, `[abc]`, `[^a-z]`, `\x`) into a matcher
 * for channel names, so the hub can tell which of a client's patterns a message matches.
 * @example compileGlob('orders.*')('orders.created') // true
 */
export function compileGlob(pattern: string): (channel: string) => boolean {
  if (pattern === '*') return () => true;
  if (!/[*?[\\]/.test(pattern)) return (channel) => channel === pattern;
  const regex = new RegExp(`^${globToRegexSource(pattern)}$`, 's');
  return (channel) => regex.test(channel);
}

function globToRegexSource(pattern: string): string {
  let out = '';
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i]!;
    if (c === '*') out += '.*';
    else if (c === '?') out += '.';
    else if (c === '\\' && i + 1 < pattern.length) out += escapeRegex(pattern[++i]!);
    else if (c === '[') {
      const end = classEnd(pattern, i);
      if (end === -1) out += '\\[';
      else {
        out += classSource(pattern.slice(i + 1, end));
        i = end;
      }
    } else out += escapeRegex(c);
  }
  return out;
}

function classEnd(pattern: string, start: number): number {
  for (let j = start + 1; j < pattern.length; j++) {
    if (pattern[j] === '\\') j++;
    else if (pattern[j] === ']' && j > start + 1) return j;
  }
  return -1;
}

function classSource(body: string): string {
  const negate = body.startsWith('^');
  const members = (negate ? body.slice(1) : body).replace(/\\(.)/g, '$1').replace(/[\]\\^]/g, '\\$&');
  return `[${negate ? '^' : ''}${members}]`;
}

function escapeRegex(c: string): string {
  return c.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
}

const MAX_PATTERN_LENGTH = 1024;

/** Why a pattern cannot be subscribed to, or null when it can. */
export function patternProblem(pattern: unknown): string | null {
  if (typeof pattern !== 'string' || pattern.length === 0) return 'A pattern must be a non-empty string.';
  if (pattern.length > MAX_PATTERN_LENGTH) return `A pattern must be at most ${MAX_PATTERN_LENGTH} characters.`;
  if (/[\u0000-\u001f\u007f]/.test(pattern)) return 'A pattern must not contain control characters.';
  return null;
}

/**
 * Whether every channel `inner` matches is sure to match `outer` too, decided conservatively: `*` covers
 * everything, a pattern covers itself, and `prefix*` (no other special character) covers any pattern that
 * starts with that literal prefix.
 * @example globCovers('orders.*', 'orders.eu.*') // true; globCovers('orders.*', '*.created') // false
 */
export function globCovers(outer: string, inner: string): boolean {
  if (outer === '*' || outer === inner) return true;
  const prefix = outer.slice(0, -1);
  return outer.endsWith('*') && !/[*?[\\]/.test(prefix) && inner.startsWith(prefix);
}
