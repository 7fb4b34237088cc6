import { isMultiFormatSchema, unsupportedFormatMessage, type SchemaFormatReader } from './payload-format.ts';
import type { JsonPath, Locate } from './pattern-warnings.ts';
import type { SchemaFormatIssue } from './schema-formats.ts';
import type { Diagnostic } from './types.ts';

// Where a 3.x document writes a Multi Format Schema for a payload, as the parser looks for them (parse-schema.js).
const V3_PAYLOADS: JsonPath[] = [
  ['channels', '*', 'messages', '*', 'payload'],
  ['components', 'channels', '*', 'messages', '*', 'payload'],
  ['operations', '*', 'messages', '*', 'payload'],
  ['components', 'operations', '*', 'messages', '*', 'payload'],
  ['components', 'messages', '*', 'payload'],
  ['components', 'schemas', '*'],
];
// Where a 2.x document writes a message, whose `schemaFormat` names its payload's format.
const V2_MESSAGES: JsonPath[] = [
  ...['publish', 'subscribe'].flatMap((action) => [
    ['channels', '*', action, 'message'],
    ['channels', '*', action, 'message', 'oneOf', '*'],
  ]),
  ['components', 'messages', '*'],
];

/**
 * A warning at each `schemaFormat` the portal does not read, in the text as written: of a 3.x Multi Format Schema,
 * or of a 2.x message with a payload. A `$ref`'d one is reported once, where it is defined.
 * @example unsupportedFormatWarnings(source.data, (f) => parser.parserRegistry.has(f), (path) => source.getRangeForJsonPath(path, true)?.start)
 */
export function unsupportedFormatWarnings(root: unknown, reads: SchemaFormatReader, locate: Locate): Diagnostic[] {
  if (!isRecord(root) || typeof root.asyncapi !== 'string') return [];
  const v3 = root.asyncapi.startsWith('3.');
  const warnings: Diagnostic[] = [];
  for (const pattern of v3 ? V3_PAYLOADS : V2_MESSAGES) {
    for (const { node, path } of nodesAt(root, pattern)) {
      if (!isRecord(node) || typeof node.schemaFormat !== 'string' || reads(node.schemaFormat)) continue;
      if (v3 ? !isMultiFormatSchema(node) : node.payload === undefined) continue;
      warnings.push(located('warning', unsupportedFormatMessage(node.schemaFormat), [...path, 'schemaFormat'], locate));
    }
  }
  return warnings;
}

/**
 * The errors a 3.x payload's format found in it (see `schemaFormats`), each at the line of the schema as written:
 * the parser gives the path it reached it by, through the `$ref`s of the document as written.
 * @example formatIssueDiagnostics(formats.takeIssues(document.meta().asyncapi), source.data, locate)
 */
export function formatIssueDiagnostics(issues: readonly SchemaFormatIssue[], root: unknown, locate: Locate): Diagnostic[] {
  return issues.map((issue) => {
    const path = writtenPath(root, issue.path);
    return located('error', `\`${path.join('.')}\` is not a valid ${issue.schemaFormat} schema: ${issue.message}`, path, locate);
  });
}

/** The path of a value in the document as written, following each local `$ref` met on the way (at most 32). */
function writtenPath(root: unknown, path: JsonPath): JsonPath {
  let written: JsonPath = [];
  let node = root;
  let hops = 0;
  for (const segment of path) {
    while (isRecord(node) && typeof node.$ref === 'string' && node.$ref.startsWith('#/') && hops++ < 32) {
      written = node.$ref
        .slice(2)
        .split('/')
        .map((part) => part.replace(/~1/g, '/').replace(/~0/g, '~'));
      node = written.reduce<unknown>(
        (at, key) => (at !== null && typeof at === 'object' ? (at as Record<string, unknown>)[key] : undefined),
        root,
      );
    }
    node = node !== null && typeof node === 'object' ? (node as Record<string, unknown>)[segment] : undefined;
    written = [...written, segment];
  }
  return written;
}

function located(severity: Diagnostic['severity'], message: string, path: JsonPath, locate: Locate): Diagnostic {
  const start = locate(path);
  return { severity, message, path: path.join('.'), line: start ? start.line + 1 : null, column: start ? start.character + 1 : null };
}

/** The values at a path whose `*` segments match every key (or index) of an object (or array). */
function nodesAt(root: unknown, pattern: JsonPath): { node: unknown; path: JsonPath }[] {
  let level: { node: unknown; path: JsonPath }[] = [{ node: root, path: [] }];
  for (const segment of pattern) {
    level = level.flatMap(({ node, path }) => {
      if (node === null || typeof node !== 'object') return [];
      const record = node as Record<string, unknown>;
      const entries: [string, unknown][] = segment === '*' ? Object.entries(record) : [[String(segment), record[segment]]];
      return entries
        .filter(([, value]) => value !== undefined)
        .map(([key, value]) => ({ node: value, path: [...path, Array.isArray(node) ? Number(key) : key] }));
    });
  }
  return level;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}
