import type { JsonSchema } from '../types.ts';
import { escapeSegment } from './json-pointer.ts';
import type { Change, ChangeKind, ChangeType } from './types.ts';

type Schema = Record<string, unknown>;

/** Where in a payload a comparison is: the JSON Pointer of the schema, and a readable property path. */
interface At {
  path: string;
  label: string;
  /** Prefixes every description, e.g. `OrderCreated payload`. */
  subject: string;
  /** A property removed is breaking only where the later schema refuses unknown properties (`additionalProperties: false`). */
  openContent: boolean;
}

// Keywords checked below, one by one; anything else that changes is reported as unclassified.
const STRUCTURAL = new Set(['type', 'enum', 'properties', 'required', 'items']);
// Keywords that document a schema without constraining the payload.
const ANNOTATIONS = new Set(['title', 'description', 'examples', 'example', '$comment', 'deprecated', 'default', 'readOnly', 'writeOnly']);

/**
 * Classifies the changes between two payload schemas from a consumer's point of view: a removed
 * property, a new required property, a changed type or a narrowed enum are breaking; an added optional
 * property, a widened enum or a property no longer required are not; other constraint changes are
 * unclassified. With `openContent`, a removed property is breaking only where the later schema has
 * `additionalProperties: false`: how FORWARD compatibility reads a new version's payload back as an earlier one's,
 * where a property the earlier schema does not name is accepted unless it refuses unknown properties.
 * @example classifyPayloadChanges(before, after, { path: '/channels/a/messages/m/payload', subject: 'm payload' })
 */
export function classifyPayloadChanges(
  before: JsonSchema,
  after: JsonSchema,
  where: { path: string; subject: string; openContent?: boolean },
): Change[] {
  return compareSchemas(before, after, { openContent: false, ...where, label: '' });
}

function compareSchemas(before: JsonSchema, after: JsonSchema, at: At): Change[] {
  if (typeof before === 'boolean' || typeof after === 'boolean') {
    return sameJson(before, after) ? [] : [change(at, 'unclassified', 'edit', `schema changed from ${brief(before)} to ${brief(after)}`)];
  }
  return [
    ...compareType(before, after, at),
    ...compareEnum(before, after, at),
    ...compareProperties(before, after, at),
    ...compareItems(before, after, at),
    ...compareOtherKeywords(before, after, at),
  ];
}

function compareType(before: Schema, after: Schema, at: At): Change[] {
  const [was, is] = [typeList(before.type), typeList(after.type)];
  if (sameJson(was, is)) return [];
  if (was.length === 0) return [change(at, 'breaking', 'edit', `type restricted to ${is.join(' | ')}`, '/type')];
  if (is.length === 0) return [change(at, 'non-breaking', 'edit', `type ${was.join(' | ')} no longer required`, '/type')];
  return [change(at, 'breaking', 'edit', `type changed from ${was.join(' | ')} to ${is.join(' | ')}`, '/type')];
}

function compareEnum(before: Schema, after: Schema, at: At): Change[] {
  const [was, is] = [before.enum, after.enum];
  if (sameJson(was, is)) return [];
  if (!Array.isArray(was)) return Array.isArray(is) ? [change(at, 'breaking', 'edit', `values restricted to ${list(is)}`, '/enum')] : [];
  if (!Array.isArray(is)) return [change(at, 'non-breaking', 'edit', 'any value allowed (enum removed)', '/enum')];
  const removed = was.filter((value) => !is.some((other) => sameJson(value, other)));
  const added = is.filter((value) => !was.some((other) => sameJson(value, other)));
  if (removed.length > 0) return [change(at, 'breaking', 'edit', `enum narrowed: ${list(removed)} no longer allowed`, '/enum')];
  return added.length > 0 ? [change(at, 'non-breaking', 'edit', `enum widened: ${list(added)} allowed`, '/enum')] : [];
}

function compareProperties(before: Schema, after: Schema, at: At): Change[] {
  const [was, is] = [record(before.properties), record(after.properties)];
  const [requiredBefore, requiredAfter] = [stringSet(before.required), stringSet(after.required)];
  const changes: Change[] = [];
  for (const name of Object.keys(was)) {
    const inner = child(at, name);
    const next = is[name];
    if (next === undefined) {
      const refused = !at.openContent || after.additionalProperties === false;
      changes.push(change(inner, refused ? 'breaking' : 'non-breaking', 'remove', 'property removed'));
    } else changes.push(...compareSchemas(asSchema(was[name]), asSchema(next), inner));
  }
  for (const name of Object.keys(is)) {
    if (name in was) continue;
    const required = requiredAfter.has(name);
    changes.push(
      change(child(at, name), required ? 'breaking' : 'non-breaking', 'add', required ? 'new required property' : 'new optional property'),
    );
  }
  for (const name of requiredAfter) {
    if (!requiredBefore.has(name) && name in was && name in is)
      changes.push(change(child(at, name), 'breaking', 'edit', 'property is now required'));
  }
  for (const name of requiredBefore) {
    if (!requiredAfter.has(name) && name in is)
      changes.push(change(child(at, name), 'non-breaking', 'edit', 'property is no longer required'));
  }
  return changes;
}

function compareItems(before: Schema, after: Schema, at: At): Change[] {
  const [was, is] = [before.items, after.items];
  if (sameJson(was, is)) return [];
  const inner = { ...at, path: `${at.path}/items`, label: `${at.label}[]` };
  if (isSchema(was) && isSchema(is)) return compareSchemas(was, is, inner);
  return [change(inner, 'unclassified', was === undefined ? 'add' : is === undefined ? 'remove' : 'edit', 'array items schema changed')];
}

function compareOtherKeywords(before: Schema, after: Schema, at: At): Change[] {
  const keywords = new Set([...Object.keys(before), ...Object.keys(after)].filter((k) => !STRUCTURAL.has(k)));
  return [...keywords]
    .filter((keyword) => !sameJson(before[keyword], after[keyword]))
    .map((keyword) => {
      const kind: ChangeKind = before[keyword] === undefined ? 'add' : after[keyword] === undefined ? 'remove' : 'edit';
      const type: ChangeType = ANNOTATIONS.has(keyword) || keyword.startsWith('x-') ? 'non-breaking' : 'unclassified';
      return change(
        at,
        type,
        kind,
        `${keyword} ${kind === 'add' ? 'added' : kind === 'remove' ? 'removed' : 'changed'}`,
        `/${escapeSegment(keyword)}`,
      );
    });
}

function change(at: At, type: ChangeType, kind: ChangeKind, what: string, suffix = ''): Change {
  const where = at.label === '' ? '' : ` "${at.label}"`;
  return { type, kind, path: `${at.path}${suffix}`, description: `${at.subject}${where}: ${what}` };
}

function child(at: At, name: string): At {
  return { ...at, path: `${at.path}/properties/${escapeSegment(name)}`, label: at.label === '' ? name : `${at.label}.${name}` };
}

function typeList(type: unknown): string[] {
  const types = Array.isArray(type) ? type : type === undefined ? [] : [type];
  return types.map(String).sort();
}

function stringSet(value: unknown): Set<string> {
  return new Set(Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : []);
}

function record(value: unknown): Record<string, unknown> {
  return isSchema(value) ? value : {};
}

function isSchema(value: unknown): value is Schema {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

function asSchema(value: unknown): JsonSchema {
  return typeof value === 'boolean' || isSchema(value) ? value : {};
}

function list(values: unknown[]): string {
  return values.map((v) => JSON.stringify(v)).join(', ');
}

function brief(schema: JsonSchema): string {
  return typeof schema === 'boolean' ? String(schema) : 'a schema';
}

/** Structural equality of plain JSON values, independent of key order. */
export function sameJson(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  const [ka, kb] = [Object.keys(a), Object.keys(b)];
  if (ka.length !== kb.length) return false;
  return ka.every((k) => sameJson((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k]));
}
