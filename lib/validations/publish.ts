import { z } from 'zod';

/** `POST /api/publish` and the publish form: a topic and a payload (text is sent verbatim, anything else as JSON). */
export const PublishRequestSchema = z.object({
  topic: z.string({ error: 'topic is required: the Redis channel to publish to' }),
  payload: z.unknown().refine((value) => value !== undefined, { message: 'payload is required' }),
});

export type PublishRequest = z.infer<typeof PublishRequestSchema>;

/** The bytes to publish: a string as it is, any other JSON value serialised. */
export function payloadText(payload: unknown): string {
  return typeof payload === 'string' ? payload : JSON.stringify(payload);
}
