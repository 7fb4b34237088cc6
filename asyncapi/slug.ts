import { createHash } from 'node:crypto';

const MAX_SLUG_LENGTH = 80;
const HASH_LENGTH = 10;

/**
 * A title as the catalogue compares titles: Unicode-normalised (NFKC), lowercase, whitespace collapsed.
 * Two titles that normalise alike name the same document.
 * @example normaliseTitle('  Order\tEvents ') === normaliseTitle('order events') // true
 */
export function normaliseTitle(title: string): string {
  return title.normalize('NFKC').toLowerCase().replace(/\s+/g, ' ').trim();
}

/**
 * A URL-safe identifier made from a document's title: lowercase ASCII words joined by dashes, at most
 * 80 characters. A title with no ASCII letter or digit (Cyrillic, CJK, …) gets `doc-` and a short hash of
 * its normalised title instead, so distinct titles get distinct slugs and the same title always the same one.
 * @example slugify('E-commerce Order Events') // 'e-commerce-order-events'
 * @example slugify('Crème <b>brûlée</b> & Co.') // 'creme-brulee-and-co'
 * @example slugify('Заказы') // 'doc-' followed by 10 hex digits
 */
export function slugify(title: string): string {
  return asciiSlug(title) || `doc-${createHash('sha256').update(normaliseTitle(title), 'utf8').digest('hex').slice(0, HASH_LENGTH)}`;
}

function asciiSlug(title: string): string {
  return title
    .replace(/<\/?[a-z][^>]*>/gi, ' ')
    .replace(/&(?!amp;)(?:[a-z]+|#\d+|#x[0-9a-f]+);/gi, ' ')
    .replace(/&(?:amp;)?/gi, ' and ')
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .slice(0, MAX_SLUG_LENGTH)
    .replace(/^-+|-+$/g, '');
}
