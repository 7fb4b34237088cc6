import { createHash, randomBytes } from 'node:crypto';

/** What every API token's text starts with, so a leaked one is recognisable (secret scanners, logs). */
export const TOKEN_PREFIX = 'ept_';

/** 256 random bits: 32 bytes, 43 base64url characters. */
const SECRET_BYTES = 32;
const TOKEN_PATTERN = /^ept_[A-Za-z0-9_-]{43}$/;
/** How much of the text lists show to tell tokens apart: the prefix and 4 characters (24 bits, not enough to guess it). */
const DISPLAY_LENGTH = TOKEN_PREFIX.length + 4;

/**
 * A new token's text: `ept_` and 43 base64url characters of 256 random bits.
 * @example newTokenText() // 'ept_3q2-7w…'
 */
export function newTokenText(): string {
  return TOKEN_PREFIX + randomBytes(SECRET_BYTES).toString('base64url');
}

/** Whether `text` has the shape of a token this portal makes, checked before any database look-up. */
export function isTokenText(text: string): boolean {
  return TOKEN_PATTERN.test(text);
}

/**
 * The sha256 hex of a token's text, as stored: the text is 256 random bits, so a slow password hash would add
 * nothing but latency on every request.
 * @example hashTokenText('ept_…') // '9f86d0…' (64 hex digits)
 */
export function hashTokenText(text: string): string {
  return createHash('sha256').update(text, 'utf8').digest('hex');
}

/**
 * The start of a token's text that lists show, e.g. `ept_AbCd`.
 * @example displayPrefix('ept_AbCdEf…') // 'ept_AbCd'
 */
export function displayPrefix(text: string): string {
  return text.slice(0, DISPLAY_LENGTH);
}

/**
 * The credentials of an `Authorization: Bearer <token>` header: the token text (maybe empty or malformed; the
 * verifier says so), or null when the header is absent or of another scheme.
 * @example bearerToken(new Headers({ authorization: 'Bearer ept_…' })) // 'ept_…'
 */
export function bearerToken(headers: Pick<Headers, 'get'>): string | null {
  const header = headers.get('authorization');
  if (header === null) return null;
  const match = /^\s*bearer(?:\s+(.*))?$/i.exec(header);
  if (!match) return null;
  return (match[1] ?? '').trim();
}
