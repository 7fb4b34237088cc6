import { normaliseTitle } from '../../asyncapi/slug.ts';
import type { Prisma } from '../generated/client.ts';
import { SlugTakenError } from './errors.ts';

export interface OwnedDocument {
  id: number;
  title: string;
}

/**
 * The document a slug names, or null when there is none yet. A slug belongs to one title (compared as
 * `normaliseTitle` does): when it names a document with another title, a SlugTakenError.
 * @example const document = await documentOfTitle(tx, 'doc-c359203e8d', 'Заказы');
 */
export async function documentOfTitle(db: Pick<Prisma.TransactionClient, 'document'>, slug: string, title: string): Promise<OwnedDocument | null> {
  const document = await db.document.findUnique({ where: { slug }, select: { id: true, title: true } });
  if (document && normaliseTitle(document.title) !== normaliseTitle(title)) throw new SlugTakenError(slug, title, document.title);
  return document;
}
