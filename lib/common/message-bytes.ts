/** What a message object costs besides its text: its fields, conformance and the JSON around it on the wire. */
const MESSAGE_OVERHEAD_BYTES = 256;

/**
 * About how many bytes a tail message holds, for the rings that keep them on the server and in the browser:
 * its text, at one byte a character as most are, and its overhead.
 * @example messageBytes({ channel: 'orders', pattern: '*', payload: '{}' }) // 265
 */
export function messageBytes(message: { payload: string; channel: string; pattern: string }): number {
  return message.payload.length + message.channel.length + message.pattern.length + MESSAGE_OVERHEAD_BYTES;
}
