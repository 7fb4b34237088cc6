import { z } from 'zod';
import { isPortalChannel, PORTAL_CHANNEL_PREFIX } from '../common/portal-channels.ts';

/** The longest topic the portal publishes to. */
const MAX_TOPIC_LENGTH = 1024;
/** The one topic nothing may publish to. */
export const RESERVED_TOPIC = 'master';

/** The Redis channel to publish to: printable, not empty, at most MAX_TOPIC_LENGTH characters, not `master` nor the portal's own. */
export const TopicSchema = z
  .string({ error: 'topic is required: the Redis channel to publish to' })
  .min(1, { error: 'The topic is empty: name the Redis channel to publish to.' })
  // .max() runs on strings only, so its input is one.
  .max(MAX_TOPIC_LENGTH, {
    error: (issue) => `The topic is ${(issue.input as string).length} characters; the limit is ${MAX_TOPIC_LENGTH}.`,
  })
  .regex(/^[^\u0000-\u001f\u007f]*$/, { error: 'The topic contains control characters; use printable characters only.' })
  // The seed system's API server reserves it for its own use, and its clients expect the refusal: on every endpoint.
  .refine((topic) => topic !== RESERVED_TOPIC, { error: `${RESERVED_TOPIC} is a reserved topic` })
  // The instances' own channels (the Socket.IO adapter's): a message there could close or feed every live socket.
  .refine((topic) => !isPortalChannel(topic), {
    error: `Topics starting with ${PORTAL_CHANNEL_PREFIX} are the portal's own, between its instances: publish elsewhere.`,
  });

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

/** How deeply a JSON payload may nest: far more than events need, far less than serialising it can stand. */
export const MAX_PAYLOAD_DEPTH = 64;

/** Whether `value` has arrays or objects nested more than `limit` deep; walks without recursion and stops early. */
function nestsDeeperThan(value: unknown, limit: number): boolean {
  const pending: [unknown, number][] = [[value, 0]];
  for (let next = pending.pop(); next; next = pending.pop()) {
    const [item, depth] = next;
    if (typeof item !== 'object' || item === null) continue;
    if (depth >= limit) return true;
    for (const child of Object.values(item)) pending.push([child, depth + 1]);
  }
  return false;
}

/**
 * `POST /api/publish` and the publish form: a topic and a payload (text is sent verbatim, anything else as
 * JSON); with `schema`, the payload is checked against that message first, and `force` sends it anyway.
 */
export const PublishRequestSchema = z.object({
  topic: TopicSchema,
  payload: z
    .unknown()
    .refine((value) => value !== undefined, { message: 'payload is required' })
    .refine((value) => !nestsDeeperThan(value, MAX_PAYLOAD_DEPTH), {
      message: `payload nests more than ${MAX_PAYLOAD_DEPTH} levels deep; flatten it or send it as text`,
    }),
  schema: SchemaReferenceSchema.optional(),
  force: z.boolean({ error: 'force must be true or false' }).optional(),
});

export type PublishRequest = z.infer<typeof PublishRequestSchema>;

/** The bytes to publish: a string as it is, any other JSON value serialised. */
export function payloadText(payload: unknown): string {
  return typeof payload === 'string' ? payload : JSON.stringify(payload);
}
