import { z } from 'zod';

const referenceField = (name: string, what: string) =>
  z.string({ error: `schema.${name} is required: ${what}` }).min(1, { error: `schema.${name} is empty: give ${what}` });

/** The catalogued message a payload must match: `{ slug, version, channel, message }`. */
export const SchemaReferenceSchema = z.object(
  {
    slug: referenceField('slug', "the document's slug"),
    version: referenceField('version', 'the document version'),
    channel: referenceField('channel', "the channel's key"),
    message: referenceField('message', "the message's key in that channel"),
  },
  { error: 'schema must be an object { slug, version, channel, message } naming a catalogued message' },
);

/**
 * `POST /api/publish` and the publish form: a topic and a payload (text is sent verbatim, anything else as
 * JSON); with `schema`, the payload is checked against that message first, and `force` sends it anyway.
 */
export const PublishRequestSchema = z.object({
  topic: z.string({ error: 'topic is required: the Redis channel to publish to' }),
  payload: z.unknown().refine((value) => value !== undefined, { message: 'payload is required' }),
  schema: SchemaReferenceSchema.optional(),
  force: z.boolean({ error: 'force must be true or false' }).optional(),
});

export type PublishRequest = z.infer<typeof PublishRequestSchema>;

/** The bytes to publish: a string as it is, any other JSON value serialised. */
export function payloadText(payload: unknown): string {
  return typeof payload === 'string' ? payload : JSON.stringify(payload);
}
