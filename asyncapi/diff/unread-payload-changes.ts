import { pointer } from './json-pointer.ts';
import type { Change, DiffMessage, DiffSide } from './types.ts';

/**
 * A change to a payload written in a format the portal does not read, which the payload comparison cannot
 * classify (there is no JSON Schema to compare): reported once per message as unclassified, so it is seen.
 * @example unreadPayloadChanges(before, after) // [{ type: 'unclassified', … 'ramlEvent payload (application/raml+yaml…) changed' }]
 */
export function unreadPayloadChanges(before: DiffSide, after: DiffSide): Change[] {
  const next = new Map(after.messages.map((m) => [`${m.channelKey}\n${m.key}`, m]));
  return before.messages.flatMap((message) => {
    const counterpart = next.get(`${message.channelKey}\n${message.key}`);
    if (!counterpart || (!isUnread(message) && !isUnread(counterpart))) return [];
    const [was, is] = [written(message), written(counterpart)];
    if (was === is) return [];
    const format = [message, counterpart].find(isUnread)?.payloadFormat?.schemaFormat ?? '';
    return [
      {
        type: 'unclassified' as const,
        kind: 'edit' as const,
        path: pointer(['channels', message.channelKey, 'messages', message.key, 'payload']),
        description: `${message.name ?? message.key} payload changed; it is written in ${format}, which the portal does not read, so the change is not classified`,
      },
    ];
  });
}

function isUnread(message: DiffMessage): boolean {
  return message.payloadFormat?.supported === false;
}

// What a payload is as written: its format and original schema, or its JSON Schema when read as JSON Schema.
function written(message: DiffMessage): string {
  return JSON.stringify(message.payloadFormat ? [message.payloadFormat.schemaFormat, message.payloadFormat.original] : message.payload);
}
