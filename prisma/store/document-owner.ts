import { normaliseTitle, slugify } from '../../asyncapi/slug.ts';
import type { Prisma } from '../generated/client.ts';
import { SlugTakenError } from './errors.ts';

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

/**
 * The slug a registration of `title` goes to: the slug of the document that already has this title (compared
 * as `normaliseTitle` does), else `slugify(title)`. So a document keeps its slug, and its history, when the
 * slug rules change: titles registered as `document` or `events` before non-ASCII letters got a hash stay there.
 * Found by its `titleKey`; documents stored before that column are compared one by one until registered again.
 * @example await slugForTitle(db, 'E-commerce Order Events') // 'e-commerce-order-events'
 */
export async function slugForTitle(db: Pick<Prisma.TransactionClient, 'document'>, title: string): Promise<string> {
  const wanted = normaliseTitle(title);
  const keyed = await db.document.findFirst({ where: { titleKey: wanted }, select: { slug: true }, orderBy: { id: 'asc' } });
  if (keyed) return keyed.slug;
  const unkeyed = await db.document.findMany({ where: { titleKey: null }, select: { slug: true, title: true }, orderBy: { id: 'asc' } });
  return unkeyed.find((d) => normaliseTitle(d.title) === wanted)?.slug ?? slugify(title);
}
