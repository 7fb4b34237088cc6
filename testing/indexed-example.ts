import { slugify } from '../asyncapi/slug.ts';
import { readExample } from './examples.ts';
import { validateDocument } from '../asyncapi/validate.ts';
import type { IndexedChannel } from '../prisma/store/conformance.ts';

let nextMessageId = 1;

/** An example document's channels as the store's index query returns them, without a database. */
export async function indexedExample(path: string): Promise<IndexedChannel[]> {
  const result = await validateDocument(await readExample(path));
  if (!result.valid) throw new Error(`${path} is invalid: ${result.error}`);
  const doc = result.document;
  return doc.channels.map((channel) => ({
    slug: slugify(doc.title),
    version: doc.version,
    title: doc.title,
    status: 'released' as const,
    channelKey: channel.key,
    address: channel.address,
    parameters: channel.parameters.map(({ name, schema }) => ({ name, schema })),
    messages: doc.messages
      .filter((m) => m.channelKey === channel.key)
      .map((m) => ({ id: nextMessageId++, key: m.key, contentType: m.contentType, payload: m.payload, payloadFormat: m.payloadFormat })),
  }));
}
