import { pointer } from './json-pointer.ts';
import { libraryChanges } from './library-changes.ts';
import { classifyPayloadChanges } from './payload-changes.ts';
import type { Change, ChangeSummary, DiffSide } from './types.ts';
import { unreadPayloadChanges } from './unread-payload-changes.ts';

const TYPE_ORDER: Change['type'][] = ['breaking', 'unclassified', 'non-breaking'];

/**
 * Every change from one version of a document to another, breaking first: what `@asyncapi/diff` finds
 * in the resolved documents, plus the payload schema changes of each message kept by both versions.
 * @example diffVersions(before, after).filter((c) => c.type === 'breaking')
 */
export function diffVersions(before: DiffSide, after: DiffSide): Change[] {
  const changes = [...comparableLibraryChanges(before, after), ...payloadChanges(before, after), ...unreadPayloadChanges(before, after)];
  return changes.sort((a, b) => TYPE_ORDER.indexOf(a.type) - TYPE_ORDER.indexOf(b.type));
}

/** Counts of each type of change. */
export function summarise(changes: readonly Change[]): ChangeSummary {
  const count = (type: Change['type']): number => changes.filter((c) => c.type === type).length;
  return { breaking: count('breaking'), nonBreaking: count('non-breaking'), unclassified: count('unclassified') };
}

// The library refuses documents of different major AsyncAPI versions; such a move is reported as one change.
function comparableLibraryChanges(before: DiffSide, after: DiffSide): Change[] {
  const [was, is] = [String(before.resolved.asyncapi), String(after.resolved.asyncapi)];
  if (was.split('.')[0] === is.split('.')[0]) return libraryChanges(before.resolved, after.resolved);
  const description = `AsyncAPI ${was} → ${is}: the documents follow different major versions of the specification, so only payload schemas are compared`;
  return [{ type: 'unclassified', kind: 'edit', path: '/asyncapi', description }];
}

/**
 * The payload changes from one version to another, as `diffVersions` reports them; with `openContent`, a property
 * removed is breaking only where the later schema refuses unknown ones (see `classifyPayloadChanges`).
 * @example payloadChanges(candidate, earlier, { openContent: true }) // FORWARD: the new payloads read back as the earlier ones
 */
export function payloadChanges(before: DiffSide, after: DiffSide, { openContent = false } = {}): Change[] {
  const next = new Map(after.messages.map((m) => [`${m.channelKey}\n${m.key}`, m]));
  return before.messages.flatMap((message) => {
    const counterpart = next.get(`${message.channelKey}\n${message.key}`);
    if (!counterpart || message.payload === null || counterpart.payload === null) return [];
    return classifyPayloadChanges(message.payload, counterpart.payload, {
      path: pointer(['channels', message.channelKey, 'messages', message.key, 'payload']),
      subject: `${message.name ?? message.key} payload`,
      openContent,
    });
  });
}
