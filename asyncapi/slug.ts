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
 * 80 characters. Letters and digits with no ASCII form (Cyrillic, CJK, …) cannot be spelled in it, so a title
 * that has any gets a short hash of its normalised title too: `doc-<hash>` when nothing ASCII is left, else
 * `<ascii words>-<hash>`. Distinct titles get distinct slugs, and the same title always the same one.
 * (The catalogue keeps the slug a document already has: see `documentForTitle` in prisma/store/document-owner.ts.)
 * @example slugify('E-commerce Order Events') // 'e-commerce-order-events'
 * @example slugify('Crème <b>brûlée</b> & Co.') // 'creme-brulee-and-co'
 * @example slugify('Заказы') // 'doc-' followed by 10 hex digits
 * @example slugify('注文 API') // 'api-' followed by 10 hex digits
 */
export function slugify(title: string): string {
  const text = plainText(title);
  const ascii = asciiWords(text);
  if (ascii !== '' && !/[^\x00-\x7f]/u.test(text.replace(/[^\p{L}\p{N}]/gu, ''))) return ascii;
  const hash = createHash('sha256').update(normaliseTitle(title), 'utf8').digest('hex').slice(0, HASH_LENGTH);
  if (ascii === '') return `doc-${hash}`;
  return `${ascii.slice(0, MAX_SLUG_LENGTH - HASH_LENGTH - 1).replace(/-+$/, '')}-${hash}`;
}

/** The title without HTML tags or entities and with accents taken off, `&` spelled `and`. */
function plainText(title: string): string {
  return title
    .replace(/<\/?[a-z][^>]*>/gi, ' ')
    .replace(/&(?!amp;)(?:[a-z]+|#\d+|#x[0-9a-f]+);/gi, ' ')
    .replace(/&(?:amp;)?/gi, ' and ')
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '');
}

function asciiWords(text: string): string {
  return text
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .slice(0, MAX_SLUG_LENGTH)
    .replace(/^-+|-+$/g, '');
}
