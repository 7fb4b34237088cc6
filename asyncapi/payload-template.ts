import { samplePayloadText } from './sample-payload.ts';
import type { JsonSchema } from './types.ts';

/** What a publish form starts from for a message: its first example, or a sample built from its schema. */
export interface PayloadTemplate {
  source: 'example' | 'sample';
  text: string;
}

/**
 * The payload text to offer for a message: its first example (a string as it is, anything else as
 * indented JSON), else a sample generated from its payload schema.
 * @example payloadTemplate({ payload: { type: 'integer' }, examples: [] }) // { source: 'sample', text: '0' }
 */
export function payloadTemplate(message: { payload: JsonSchema | null; examples: unknown[] }): PayloadTemplate {
  if (message.examples.length > 0) {
    const [example] = message.examples;
    return { source: 'example', text: typeof example === 'string' ? example : JSON.stringify(example, null, 2) };
  }
  return { source: 'sample', text: samplePayloadText(message.payload) };
}
