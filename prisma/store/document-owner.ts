import type { CompatibilityMode } from '../../asyncapi/compatibility.ts';
import { normaliseTitle, slugify } from '../../asyncapi/slug.ts';
import type { Prisma } from '../generated/client.ts';
import { SlugTakenError } from './errors.ts';
import { storedMode } from './compatibility.ts';

export interface OwnedDocument {
  id: number;
  title: string;
  titleKey: string | null;
}

/**
 * The document a slug names, or null when there is none yet. A slug belongs to one title (compared as
 * `normaliseTitle` does): when it names a document with another title, a SlugTakenError.
 * @example const document = await documentOfTitle(tx, 'doc-c359203e8d', 'Заказы');
 */
export async function documentOfTitle(
  db: Pick<Prisma.TransactionClient, 'document'>,
  slug: string,
  title: string,
): Promise<OwnedDocument | null> {
  const document = await db.document.findUnique({ where: { slug }, select: { id: true, title: true, titleKey: true } });
  if (document && normaliseTitle(document.title) !== normaliseTitle(title)) throw new SlugTakenError(slug, title, document.title);
  return document;
}

/** Where a registration of a title goes: the document's slug, and its own compatibility mode when it is stored. */
export interface TitleTarget {
  slug: string;
  /** Whether a document is stored at `slug` (it then has a version). */
  stored: boolean;
  /** The stored document's own compatibility mode; null for the portal's default, and for a new document. */
  compatibility: CompatibilityMode | null;
}

/**
 * The slug a registration of `title` goes to: the slug of the document that already has this title (compared
 * as `normaliseTitle` does), else `slugify(title)`. So a document keeps its slug, and its history, when the
 * slug rules change: titles registered as `document` or `events` before non-ASCII letters got a hash stay there.
 * Found by its `titleKey`; documents stored before that column are compared one by one until registered again.
 * A new title whose slug belongs to a document of another title is a SlugTakenError. One query: it runs
 * before every registration, on the event loop that also serves the live tail.
 * @example (await documentForTitle(db, 'E-commerce Order Events')).slug // 'e-commerce-order-events'
 */
export async function documentForTitle(db: Pick<Prisma.TransactionClient, 'document'>, title: string): Promise<TitleTarget> {
  const wanted = normaliseTitle(title);
  const fallback = slugify(title);
  const rows = await db.document.findMany({
    where: { OR: [{ titleKey: wanted }, { titleKey: null }, { slug: fallback }] },
    select: { slug: true, title: true, titleKey: true, compatibility: true },
    orderBy: { id: 'asc' },
  });
  const own =
    rows.find((row) => row.titleKey === wanted) ?? rows.find((row) => row.titleKey === null && normaliseTitle(row.title) === wanted);
  if (own) return { slug: own.slug, stored: true, compatibility: storedMode(own.compatibility) };
  const taken = rows.find((row) => row.slug === fallback);
  if (taken) throw new SlugTakenError(fallback, title, taken.title);
  return { slug: fallback, stored: false, compatibility: null };
}
