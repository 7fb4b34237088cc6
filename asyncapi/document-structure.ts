import { isAlias, isMap, isScalar, isSeq, LineCounter, parseDocument, type Document, type Node } from 'yaml';
import type { Diagnostic } from './types.ts';

/** How deeply values may nest, counting what aliases expand to. */
export const MAX_DEPTH = 100;
/** How many values a document may hold once its aliases are expanded (a 600-byte alias bomb holds billions). */
export const MAX_NODES = 1_000_000;
/** How many aliases (`*name`) a document may use. */
export const MAX_ALIASES = 10_000;

class LimitExceeded extends Error {}

interface Walk {
  doc: Document;
  lines: LineCounter;
  aliases: number;
  /** What each node already measured holds, so an alias costs its target's size without walking it again. */
  measured: Map<Node, Extent>;
  /** Nodes being measured: an alias to one of them is a recursive alias. */
  open: Set<Node>;
  refs: Diagnostic[];
}

/** A value's nesting (1 for a scalar) and how many values it holds, aliases expanded. */
interface Extent {
  height: number;
  size: number;
}

/**
 * Refuses what the AsyncAPI parser must never see: `$ref`s that point outside the document (the portal
 * reads no file and fetches no URL because a document says so), and documents whose aliases, nesting or
 * size would make parsing them take unbounded time or memory. Returns errors; none means go on. Text that
 * is not YAML is left to the parser, whose messages say what is wrong with it. Linear in the text: each
 * value is measured once, and an alias adds its target's measure.
 * @example checkDocumentStructure("asyncapi: 3.0.0\ncomponents:\n  schemas:\n    A: { $ref: '/etc/passwd' }") // [{ severity: 'error', line: 4, … }]
 */
export function checkDocumentStructure(raw: string): Diagnostic[] {
  if (!mayNeedWalk(raw)) return [];
  const lines = new LineCounter();
  let doc: Document;
  try {
    doc = parseDocument(raw, { lineCounter: lines, uniqueKeys: false });
  } catch (error) {
    return [documentError(`The document cannot be read safely: ${(error as Error).message}`)];
  }
  if (doc.errors.length > 0 || !doc.contents) return [];
  const walk: Walk = { doc, lines, aliases: 0, measured: new Map(), open: new Set(), refs: [] };
  try {
    measure(doc.contents, '', 0, walk);
  } catch (error) {
    if (error instanceof LimitExceeded) return [documentError(error.message)];
    if (error instanceof RangeError) return [documentError(`The document nests too deeply to read (${error.message}).`)];
    throw error;
  }
  return walk.refs;
}

// An anchor or alias: `&name` or `*name`.
const ANCHOR_OR_ALIAS = /[&*][^\s,[\]{}]/;

/**
 * Whether the text may hold anything the walk refuses: an anchor or alias, a `$ref` whose value does not
 * start with `#`, or nesting near the limit (by brackets or indentation). Reading a large document into a
 * YAML tree costs about half a parse, so most documents skip it; a false alarm only costs that time.
 */
function mayNeedWalk(raw: string): boolean {
  return ANCHOR_OR_ALIAS.test(raw) || hasExternalRef(raw) || nestsDeeply(raw);
}

function hasExternalRef(raw: string): boolean {
  for (let at = raw.indexOf('$ref'); at !== -1; at = raw.indexOf('$ref', at + 4)) {
    let next = at + 4;
    while (next < raw.length && ' \t"\':'.includes(raw[next]!)) next += 1;
    if (raw[next] !== '#') return true;
  }
  return false;
}

/** Brackets open at once, or a line's indentation, deep enough that the values may nest past the limit. */
function nestsDeeply(raw: string): boolean {
  let open = 0;
  let indent = 0;
  let atLineStart = true;
  for (let i = 0; i < raw.length; i++) {
    const c = raw.charCodeAt(i);
    if (c === 10) {
      atLineStart = true;
      indent = 0;
      continue;
    }
    if (atLineStart && (c === 32 || c === 45)) {
      if ((indent += 1) > MAX_DEPTH) return true;
      continue;
    }
    atLineStart = false;
    if (c === 91 || c === 123) {
      if ((open += 1) > MAX_DEPTH / 2) return true;
    } else if (c === 93 || c === 125) open = Math.max(0, open - 1);
  }
  return false;
}

const shortPath = (path: string): string => (path.length > 80 ? `${path.slice(0, 80)}…` : path);
const tooDeep = (path: string): LimitExceeded =>
  new LimitExceeded(`The document nests more than ${MAX_DEPTH} levels deep (at \`${shortPath(path)}\`); flatten it.`);

/** Measures `node`, found at `depth`; throws LimitExceeded past a limit. */
function measure(node: Node, path: string, depth: number, walk: Walk): Extent {
  if (depth > MAX_DEPTH) throw tooDeep(path);
  const extent = isAlias(node) ? measureAlias(node, path, depth, walk) : (walk.measured.get(node) ?? measureValue(node, path, depth, walk));
  if (depth + extent.height > MAX_DEPTH + 1) throw tooDeep(path);
  if (extent.size > MAX_NODES) {
    throw new LimitExceeded(`The document holds more than ${MAX_NODES.toLocaleString('en')} values once its YAML aliases are expanded.`);
  }
  return extent;
}

function measureValue(node: Node, path: string, depth: number, walk: Walk): Extent {
  walk.open.add(node);
  const extent: Extent = { height: 1, size: 1 };
  const add = (child: Extent): void => {
    extent.height = Math.max(extent.height, 1 + child.height);
    extent.size += child.size;
  };
  if (isMap(node)) {
    for (const pair of node.items) {
      const key = isScalar(pair.key) ? String(pair.key.value) : '?';
      const childPath = path ? `${path}.${key}` : key;
      if (key === '$ref' && isScalar(pair.value)) checkRef(pair.value, childPath, walk);
      if (pair.value) add(measure(pair.value as Node, childPath, depth + 1, walk));
    }
  } else if (isSeq(node)) {
    node.items.forEach((item, index) => {
      if (item) add(measure(item as Node, path ? `${path}.${index}` : String(index), depth + 1, walk));
    });
  }
  walk.open.delete(node);
  walk.measured.set(node, extent);
  return extent;
}

function measureAlias(alias: Node & { resolve: (doc: Document) => Node | undefined }, path: string, depth: number, walk: Walk): Extent {
  walk.aliases += 1;
  if (walk.aliases > MAX_ALIASES) throw new LimitExceeded(`The document uses more than ${MAX_ALIASES} YAML aliases; inline them.`);
  const target = alias.resolve(walk.doc);
  if (!target) return { height: 1, size: 1 };
  if (walk.open.has(target))
    throw new LimitExceeded(`The YAML alias at \`${shortPath(path)}\` refers to a value that contains it; remove the cycle.`);
  return measure(target, path, depth, walk);
}

function checkRef(value: Node & { value: unknown }, path: string, walk: Walk): void {
  const target = value.value;
  if (typeof target !== 'string' || target.startsWith('#')) return;
  const [line, column] = positionOf(value, walk.lines);
  walk.refs.push({
    severity: 'error',
    message:
      `\`${path}\` refers to "${target}", outside the document: the portal does not read files or fetch URLs. ` +
      'Copy what it refers to into `components` and refer to it as "#/components/…".',
    path,
    line,
    column,
  });
}

function positionOf(node: Node, lines: LineCounter): [number | null, number | null] {
  const offset = node.range?.[0];
  if (offset === undefined) return [null, null];
  const { line, col } = lines.linePos(offset);
  return [line, col];
}

function documentError(message: string): Diagnostic {
  return { severity: 'error', message, path: '', line: null, column: null };
}
