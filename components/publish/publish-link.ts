/** What the publish form starts from: a topic and a payload to edit before sending. */
export interface PublishDraft {
  topic: string;
  payload: string;
}

/** The longest topic a link carries, as the publish request allows. */
const TOPIC_MAX_CHARS = 1024;
/**
 * The longest payload a link carries, in characters of the encoded query: the whole request line must stay well
 * inside Node's 16 KiB header limit, or the server answers 431 instead of the page.
 */
export const LINK_PAYLOAD_MAX = 8_000;

/**
 * A link to /publish filled with `draft`, or null when it is too long for a link (copy the payload instead).
 * @example publishLink({ topic: 'orders.created', payload: '{"id":1}' }) // '/publish?topic=orders.created&payload=%7B…'
 */
export function publishLink(draft: PublishDraft): string | null {
  if (draft.topic.length > TOPIC_MAX_CHARS) return null;
  const query = new URLSearchParams({ topic: draft.topic, payload: draft.payload });
  if (encodeURIComponent(draft.payload).length > LINK_PAYLOAD_MAX) return null;
  return `/publish?${query.toString()}`;
}

/** The draft a /publish URL's query carries (`topic`, `payload`); a value that is repeated or too long is left out. */
export function readPublishDraft(query: Record<string, string | string[] | undefined>): PublishDraft {
  const topic = query.topic;
  const payload = query.payload;
  return {
    topic: typeof topic === 'string' && topic.length <= TOPIC_MAX_CHARS ? topic : '',
    payload: typeof payload === 'string' && payload.length <= LINK_PAYLOAD_MAX ? payload : '',
  };
}
