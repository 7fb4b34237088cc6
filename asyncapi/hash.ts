import { createHash } from 'node:crypto';

/**
 * The SHA-256 of a document's raw text, as hex: identical uploads have the same hash.
 * @example contentHash('asyncapi: 3.0.0') // '5d3c…' (64 hex characters)
 */
export function contentHash(raw: string): string {
  return createHash('sha256').update(raw, 'utf8').digest('hex');
}
