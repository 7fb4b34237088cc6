import { isUtf8 } from 'node:buffer';
import type { CatalogueMatch } from '../common/conformance.ts';
import type { InspectedMessage, NumberedMatch } from '../conformance/result.ts';
import type { TailMessage } from './events.ts';

/** Payloads larger than this are cut in the tail; their real size is kept. */
const TAIL_PAYLOAD_LIMIT = 64 * 1024;

/** What the hub learns once per broker message, whatever patterns and clients it reaches. */
export interface MessageFacts {
  receivedAt: number;
  inspected: InspectedMessage | undefined;
}

/** Where a queued message keeps its catalogue match: a symbol, so it never reaches the wire. */
const MATCH = Symbol('catalogue match');
type MatchedMessage = TailMessage & { [MATCH]?: NumberedMatch };

/** A broker message as one pattern's clients receive it. */
export function tailMessage(pattern: string, channel: string, payload: Buffer, { receivedAt, inspected }: MessageFacts): TailMessage {
  const decoded = inspected?.decoded;
  // A decoded payload is cut at the same limit: its JSON can be five times its bytes.
  const shown = decoded === undefined ? payload : Buffer.from(decoded);
  const truncated = shown.length > TAIL_PAYLOAD_LIMIT;
  const kept = truncated ? shown.subarray(0, TAIL_PAYLOAD_LIMIT) : shown;
  // Bytes that are not UTF-8 would lose their value as text; base64 keeps them for the browser's hex view.
  const binary = decoded === undefined && !isUtf8(truncated ? trimPartialCharacter(kept) : kept);
  const message: MatchedMessage = {
    channel,
    pattern,
    payload: kept.toString(binary ? 'base64' : 'utf8'),
    receivedAt,
    size: payload.length,
    truncated,
  };
  if (decoded !== undefined) message.encoding = 'avro-binary';
  else if (binary) message.encoding = 'base64';
  if (inspected) {
    message.conformance = inspected.conformance;
    if (inspected.match) message[MATCH] = inspected.match;
  }
  return message;
}

/** UTF-8 text cut at a byte limit may end inside a character: its last 1 to 3 bytes are left out of the check. */
function trimPartialCharacter(bytes: Buffer): Buffer {
  let end = bytes.length;
  // Continuation bytes (10xxxxxx) back to the start of the last character, which is dropped if it is cut.
  while (end > 0 && bytes.length - end < 3 && (bytes[end - 1]! & 0xc0) === 0x80) end--;
  return end > 0 && bytes[end - 1]! >= 0xc0 ? bytes.subarray(0, end - 1) : bytes;
}

/** The matches a batch refers to, each once, keyed by the `ref` its conformances carry. */
export function catalogueOf(messages: MatchedMessage[]): Record<number, CatalogueMatch> | undefined {
  let catalogue: Record<number, CatalogueMatch> | undefined;
  for (const message of messages) {
    const match = message[MATCH];
    if (!match) continue;
    catalogue ??= {};
    if (!(match.ref in catalogue)) catalogue[match.ref] = { document: match.document, channel: match.channel, params: match.params };
  }
  return catalogue;
}
