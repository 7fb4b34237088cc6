import { isUtf8 } from 'node:buffer';
import type { CatalogueMatch } from '../common/conformance.ts';
import type { InspectedMessage, NumberedMatch } from '../conformance/result.ts';
import type { RecentMessage, TailMessage } from './events.ts';
import { compileGlob } from './glob.ts';

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

/** A payload as the tail shows it: as UTF-8 text or its decoding, cut at `limit` bytes (see TailMessage). */
export function shownPayload(
  payload: Buffer,
  inspected: InspectedMessage | undefined,
  limit = TAIL_PAYLOAD_LIMIT,
): Pick<TailMessage, 'payload' | 'truncated' | 'encoding'> {
  const decoded = inspected?.decoded;
  // A decoded payload is cut at the same limit: its JSON can be five times its bytes.
  const shown = decoded === undefined ? payload : Buffer.from(decoded);
  const truncated = shown.length > limit;
  const kept = truncated ? shown.subarray(0, limit) : shown;
  if (decoded !== undefined) return { payload: kept.toString('utf8'), truncated, encoding: 'avro-binary' };
  // Bytes that are not UTF-8 would lose their value as text; base64 keeps them for the browser's hex view.
  if (!isUtf8(truncated ? trimPartialCharacter(kept) : kept)) return { payload: kept.toString('base64'), truncated, encoding: 'base64' };
  return { payload: kept.toString('utf8'), truncated };
}

/** A broker message as one pattern's clients receive it. */
export function tailMessage(pattern: string, channel: string, payload: Buffer, { receivedAt, inspected }: MessageFacts): TailMessage {
  const { payload: text, truncated, encoding } = shownPayload(payload, inspected);
  const message: MatchedMessage = { channel, pattern, payload: text, receivedAt, size: payload.length, truncated };
  if (encoding) message.encoding = encoding;
  if (inspected) {
    message.conformance = inspected.conformance;
    if (inspected.match) message[MATCH] = inspected.match;
  }
  return message;
}

/**
 * A kept message (see RecentMessage) as one pattern's clients receive it. Its match is numbered by `refs`, shared by the
 * messages of one recall: live refs are the index's, so a batch of recalled messages holds recalled ones only.
 */
export function recalledTailMessage(pattern: string, recent: RecentMessage, refs: Map<string, number>): TailMessage {
  const { conformance, ...rest } = recent;
  const message: MatchedMessage = { ...rest, pattern };
  if (!conformance) return message;
  const { document, channel, params, ...tail } = conformance;
  if (!document || !channel) {
    message.conformance = tail;
    return message;
  }
  const key = JSON.stringify([document.slug, document.version, channel.key, params ?? {}]);
  let ref = refs.get(key);
  if (ref === undefined) refs.set(key, (ref = refs.size));
  message.conformance = { ...tail, ref };
  message[MATCH] = { ref, document, channel, params: params ?? {} };
  return message;
}

/** Kept messages as a client following `patterns` receives them: each under the first of them its channel matches. */
export function recalledTailMessages(patterns: readonly string[], recent: readonly RecentMessage[]): TailMessage[] {
  const globs = patterns.map((pattern) => ({ pattern, matches: compileGlob(pattern) }));
  const refs = new Map<string, number>();
  return recent.map((message) => {
    const pattern = globs.find(({ matches }) => matches(message.channel))?.pattern ?? patterns[0]!;
    return recalledTailMessage(pattern, message, refs);
  });
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
