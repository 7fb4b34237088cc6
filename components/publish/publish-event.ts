import type { PayloadIssue } from '../../asyncapi/payload-schema.ts';
import type { PublishRequest } from '../../lib/validations/publish.ts';

/** What the form sends: the request /api/publish parses, its payload the text as typed. */
interface PublishEventRequest extends PublishRequest {
  payload: string;
}

/** How the payload fared against the schema, when one was given. */
type SchemaVerdict = { kind: 'none' } | { kind: 'conforms' } | { kind: 'forced' } | { kind: 'unchecked'; reason: string };

export type PublishOutcome =
  /**
   * `receivers`: the subscribers besides the portal's own observers (all of them from an older portal, which did not
   * tell); `avroBytes`: the payload, typed in Avro JSON, was sent in binary Avro, this many bytes.
   */
  | { kind: 'delivered'; receivers: number; verdict: SchemaVerdict; avroBytes?: number }
  /** Refused by the schema check: nothing was sent. */
  | { kind: 'invalid'; error: string; errors: PayloadIssue[] }
  | { kind: 'failed'; error: string };

interface PublishAnswer {
  receivers?: unknown;
  receiversBesidesPortal?: unknown;
  conforms?: unknown;
  forced?: unknown;
  unchecked?: unknown;
  encoding?: unknown;
  bytes?: unknown;
  error?: unknown;
  errors?: unknown;
}

/**
 * POSTs the request to /api/publish; the payload is the raw text, published verbatim. Never throws: a
 * refusal or a network failure comes back as `invalid` or `failed` with a message for the user.
 * @example const outcome = await publishEvent({ topic: 'orders.created', payload: '{"id":1}' });
 */
export async function publishEvent(request: PublishEventRequest): Promise<PublishOutcome> {
  let response: Response;
  try {
    response = await fetch('/api/publish', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify(request),
    });
  } catch (error) {
    return {
      kind: 'failed',
      error: `The portal did not answer (${error instanceof Error ? error.message : String(error)}); check that it is running and try again.`,
    };
  }
  const body = (await response.json().catch(() => null)) as PublishAnswer | null;
  if (response.ok && typeof body?.receivers === 'number') {
    const receivers = typeof body.receiversBesidesPortal === 'number' ? body.receiversBesidesPortal : body.receivers;
    const delivered = { kind: 'delivered', receivers, verdict: verdictOf(body) } as const;
    return body.encoding === 'avro-binary' && typeof body.bytes === 'number' ? { ...delivered, avroBytes: body.bytes } : delivered;
  }
  if (response.status === 422 && typeof body?.error === 'string' && Array.isArray(body.errors)) {
    return { kind: 'invalid', error: body.error, errors: body.errors as PayloadIssue[] };
  }
  if (typeof body?.error === 'string') return { kind: 'failed', error: body.error };
  return { kind: 'failed', error: `The portal answered HTTP ${response.status} without an explanation; the server log has the details.` };
}

function verdictOf(body: PublishAnswer): SchemaVerdict {
  if (body.conforms === true) return { kind: 'conforms' };
  if (body.forced === true) return { kind: 'forced' };
  if (typeof body.unchecked === 'string') return { kind: 'unchecked', reason: body.unchecked };
  return { kind: 'none' };
}

/** The success line, e.g. "Delivered to 3 subscribers besides the portal"; the portal's own observer is not one a user sees. */
function deliveredText(receivers: number): string {
  return `Delivered to ${receivers} ${receivers === 1 ? 'subscriber' : 'subscribers'} besides the portal`;
}

/**
 * What a delivered event's notice says, the schema's verdict included, and that it went as binary Avro when it did.
 * @example deliveredSentence(2, { kind: 'forced' }) // 'Sent an invalid payload on purpose — delivered to 2 subscribers besides the portal.'
 */
export function deliveredSentence(receivers: number, verdict: SchemaVerdict, avroBytes?: number): string {
  const delivered = `${deliveredText(receivers)}${receivers === 0 ? ': nothing else is subscribed to this topic right now.' : '.'}`;
  const binary = avroBytes === undefined ? '' : ` Sent as binary Avro (${avroBytes} ${avroBytes === 1 ? 'byte' : 'bytes'}).`;
  if (verdict.kind === 'forced')
    return `Sent an invalid payload on purpose — ${delivered.charAt(0).toLowerCase()}${delivered.slice(1)}${binary}`;
  if (verdict.kind === 'conforms') return `${delivered} The payload matches its schema.${binary}`;
  if (verdict.kind === 'unchecked') return `${delivered} Not checked: ${verdict.reason}.${binary}`;
  return `${delivered}${binary}`;
}
