import { NulCharacterError } from './errors.ts';

/**
 * Refuses a text input holding a NUL character with a `NulCharacterError` (400) that names it: PostgreSQL
 * text cannot hold one, so the query would fail with a 500, and nothing stored could match it anyway.
 * @example refuseNul('The document slug', slug);
 */
export function refuseNul(what: string, value: string | undefined): void {
  if (value?.includes('\u0000')) throw new NulCharacterError(what);
}
