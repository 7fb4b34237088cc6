import type { AsyncAPIDocumentInterface } from '@asyncapi/parser';
import { toPlainJson } from '../plain-json.ts';
import { pointer } from './json-pointer.ts';

type JsonRecord = Record<string, unknown>;

/**
 * The parsed document as plain JSON for diffing: `$ref`s resolved, parser annotations dropped and
 * `components` left out, so each change is reported once, where it takes effect. In 3.x an operation's
 * channel and messages are references to the channel's own objects; they stay `{ $ref }`s so a change to
 * a channel is not repeated under every operation that uses it.
 * @example resolvedDocumentJson(output.document).channels
 */
export function resolvedDocumentJson(doc: AsyncAPIDocumentInterface): JsonRecord {
  const { components: _components, ...json } = doc.json<JsonRecord>();
  if (doc.version().startsWith('3.')) json.operations = referencedOperations(json);
  return toPlainJson(json, { stripParserKeys: true }) as JsonRecord;
}

function referencedOperations(json: JsonRecord): JsonRecord {
  const refs = new Map<unknown, string>();
  for (const [channelKey, channel] of Object.entries(asRecord(json.channels))) {
    refs.set(channel, `#${pointer(['channels', channelKey])}`);
    for (const [messageKey, message] of Object.entries(asRecord(asRecord(channel).messages))) {
      refs.set(message, `#${pointer(['channels', channelKey, 'messages', messageKey])}`);
    }
  }
  const asRef = (value: unknown): unknown => (refs.has(value) ? { $ref: refs.get(value) } : value);
  const asRefs = (value: unknown): unknown => (Array.isArray(value) ? value.map(asRef) : value);
  const withRefs = (target: JsonRecord): JsonRecord => ({ ...target, channel: asRef(target.channel), messages: asRefs(target.messages) });
  const operations: JsonRecord = {};
  for (const [key, value] of Object.entries(asRecord(json.operations))) {
    const operation = withRefs(asRecord(value));
    if (operation.reply !== undefined) operation.reply = withRefs(asRecord(operation.reply));
    operations[key] = operation;
  }
  return operations;
}

function asRecord(value: unknown): JsonRecord {
  return value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as JsonRecord) : {};
}
