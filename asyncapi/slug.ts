const MAX_SLUG_LENGTH = 80;
const FALLBACK_SLUG = 'document';

/**
 * A URL-safe identifier made from a document's title: lowercase ASCII words joined by dashes, at most
 * 80 characters, never empty ("document" when nothing usable is left).
 * @example slugify('E-commerce Order Events') // 'e-commerce-order-events'
 * @example slugify('Crème <b>brûlée</b> & Co.') // 'creme-brulee-and-co'
 */
export function slugify(title: string): string {
  const slug = title
    .replace(/<\/?[a-z][^>]*>/gi, ' ')
    .replace(/&(?!amp;)(?:[a-z]+|#\d+|#x[0-9a-f]+);/gi, ' ')
    .replace(/&(?:amp;)?/gi, ' and ')
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .slice(0, MAX_SLUG_LENGTH)
    .replace(/^-+|-+$/g, '');
  return slug || FALLBACK_SLUG;
}
