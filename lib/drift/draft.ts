import { SAMPLE_PAYLOAD_BYTES } from '../conformance/traffic.ts';
import { inferSchema } from './infer-schema.ts';

/**
 * A new AsyncAPI 3.0 document (JSON text) describing one channel seen on the broker, with a payload
 * schema inferred from a sample payload and the sample as its example: the draft a user edits and
 * registers to document an undocumented channel. A sample cut short (`sampleBytes` larger than it) that no
 * longer parses gets an open payload schema and a note instead of a schema inferred from the fragment.
 * @example draftDocument('orders.refunded', '{"orderId":"o-1"}')
 */
export function draftDocument(channel: string, samplePayload: string, sampleBytes = Buffer.byteLength(samplePayload)): string {
  const key = channelKey(channel);
  const messageName = `${pascalCase(key)}Message`;
  const json = parseJson(samplePayload);
  const cut = sampleBytes > Buffer.byteLength(samplePayload);
  const message = json.ok
    ? { name: messageName, contentType: 'application/json', payload: inferSchema(json.value), examples: [{ payload: json.value }] }
    : cut
      ? {
          name: messageName,
          description: `The message seen was ${sampleBytes} bytes, more than the ${SAMPLE_PAYLOAD_BYTES / 1024} KB of it the portal keeps, so no schema could be inferred: describe its payload here.`,
          payload: {},
        }
      : { name: messageName, contentType: 'text/plain', payload: { type: 'string' }, examples: [{ payload: samplePayload }] };
  const document = {
    asyncapi: '3.0.0',
    info: {
      title: `Draft: ${channel}`,
      version: '0.1.0',
      description: `Drafted by Event Portal from live traffic on \`${channel}\`. The payload schema was inferred from one message: review it, then register.`,
    },
    channels: { [key]: { address: channel, messages: { [messageName]: { $ref: `#/components/messages/${messageName}` } } } },
    operations: {
      [`receive${pascalCase(key)}`]: {
        action: 'receive',
        channel: { $ref: `#/channels/${key}` },
        messages: [{ $ref: `#/channels/${key}/messages/${messageName}` }],
      },
    },
    components: { messages: { [messageName]: message } },
  };
  return `${JSON.stringify(document, null, 2)}\n`;
}

/** A channel id AsyncAPI accepts (`^[a-zA-Z0-9.\-_]+$`), derived from the address. */
function channelKey(channel: string): string {
  const key = channel.replace(/[^a-zA-Z0-9._-]+/g, '-').replace(/^-+|-+$/g, '');
  return key === '' ? 'channel' : key;
}

function pascalCase(text: string): string {
  const words = text.split(/[^a-zA-Z0-9]+/).filter(Boolean);
  const joined = words.map((w) => w.charAt(0).toUpperCase() + w.slice(1)).join('');
  return /^[A-Za-z]/.test(joined) ? joined : `Channel${joined}`;
}

function parseJson(text: string): { ok: true; value: unknown } | { ok: false } {
  try {
    return { ok: true, value: JSON.parse(text) };
  } catch {
    return { ok: false };
  }
}
