export type PublishOutcome = { kind: 'delivered'; receivers: number } | { kind: 'failed'; error: string };

/**
 * POSTs `{ topic, payload }` to /api/publish; the payload is the raw text, published verbatim.
 * Never throws: a refusal or a network failure comes back as `failed` with a message for the user.
 * @example const outcome = await publishEvent('orders.created', '{"id":1}');
 */
export async function publishEvent(topic: string, payload: string): Promise<PublishOutcome> {
  let response: Response;
  try {
    response = await fetch('/api/publish', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ topic, payload }),
    });
  } catch (error) {
    return { kind: 'failed', error: `The portal did not answer (${error instanceof Error ? error.message : String(error)}); check that it is running and try again.` };
  }
  const body = (await response.json().catch(() => null)) as { receivers?: unknown; error?: unknown } | null;
  if (response.ok && typeof body?.receivers === 'number') return { kind: 'delivered', receivers: body.receivers };
  if (typeof body?.error === 'string') return { kind: 'failed', error: body.error };
  return { kind: 'failed', error: `The portal answered HTTP ${response.status} without an explanation; the server log has the details.` };
}

/** The success line, e.g. "Delivered to 3 subscribers". */
export function deliveredText(receivers: number): string {
  return `Delivered to ${receivers} ${receivers === 1 ? 'subscriber' : 'subscribers'}`;
}
