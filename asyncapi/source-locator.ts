import { isAlias, isMap, isScalar, isSeq, LineCounter, parseDocument, type Node, type Pair, type YAMLMap } from 'yaml';
import { anchorIndex, type AnchorIndex, type Place } from './yaml-anchors.ts';

/** How many local `$ref`s one path may follow: recursive schemas revisit a component, a chain stops here. */
export const MAX_REF_HOPS = 32;

/** Where a JSON path's text is, `$ref`s and aliases followed. */
export interface SourceLocation {
  /** The path of that text in the document, e.g. `components.schemas.Order.properties.total.type`. */
  path: string[];
  /** 1-based. */
  line: number;
  column: number;
  /** Whether every segment was found; if not, the location is that of the deepest one that was. */
  complete: boolean;
}

interface Walk {
  root: Place;
  hops: number;
  anchors: () => AnchorIndex;
  keys: WeakMap<YAMLMap, Map<string, Pair>>;
}

/**
 * Reads the raw text once into a YAML tree with ranges (JSON is YAML too) and locates the parser's paths
 * in it. The parser validates the document with its `$ref`s resolved, so it reports an error inside a
 * component at every path that reaches it (`channels.a.messages.b.payload.type`); this walk follows local
 * `$ref`s (`#/…` only: nothing is read) and YAML aliases to the component's own text.
 * Returns null when the text is not YAML the walk can use.
 * @example createSourceLocator(raw)?.locate(['channels', 'orders', 'messages', 'created', 'payload'])
 */
export function createSourceLocator(raw: string): { locate: (path: readonly (string | number)[]) => SourceLocation } | null {
  const lines = new LineCounter();
  const doc = parseDocument(raw, { lineCounter: lines, uniqueKeys: false });
  if (doc.errors.length > 0 || !doc.contents) return null;
  let index: AnchorIndex | undefined;
  const root: Place = { node: doc.contents, via: null, path: [] };
  const base = { root, anchors: () => (index ??= anchorIndex(doc)), keys: new WeakMap() };
  return {
    locate(path) {
      const walk: Walk = { ...base, hops: 0 };
      const segments = path.map(String);
      const { place, walked } = follow(walk, root, segments);
      const { line, col } = lines.linePos(offsetOf(place));
      return { path: [...place.path, ...segments.slice(walked)], line, column: col, complete: walked === segments.length };
    },
  };
}

/**
 * Walks `segments` from `start`; on a segment a node lacks, follows the node's `$ref` and tries again.
 * Returns the deepest place reached and how many segments led there.
 */
function follow(walk: Walk, start: Place, segments: readonly string[]): { place: Place; walked: number } {
  let place = start;
  for (const [walked, segment] of segments.entries()) {
    const seen = new Set<string>();
    let child = childOf(walk, place, segment);
    while (!child) {
      const ref = localRef(walk, place.node);
      // A `$ref` already followed for this segment is a cycle; the hop limit stops long chains.
      if (ref === null || seen.has(ref) || walk.hops >= MAX_REF_HOPS) return { place, walked };
      seen.add(ref);
      walk.hops += 1;
      const pointer = pointerSegments(ref);
      const target = pointer && follow(walk, walk.root, pointer);
      if (!target || target.walked < pointer.length) return { place, walked };
      place = target.place;
      child = childOf(walk, place, segment);
    }
    place = child;
  }
  return { place, walked: segments.length };
}

/** The child at `segment` of a map (merge keys included) or sequence, aliases resolved. */
function childOf(walk: Walk, place: Place, segment: string): Place | null {
  const node = place.node;
  if (isMap(node)) {
    const found = pairOf(walk, node, place.path, segment);
    return found && resolveAlias(walk, { node: found.pair.value as Node | null, via: found.pair, path: [...found.path, segment] });
  }
  if (isSeq(node) && isIndex(segment)) {
    const item = node.items[Number(segment)] as Node | undefined;
    return item === undefined ? null : resolveAlias(walk, { node: item, via: null, path: [...place.path, segment] });
  }
  return null;
}

/** How many maps one key lookup reads through `<<` merge keys, which may nest and repeat. */
const MAX_MERGED_MAPS = 64;

/**
 * The pair for `key`, the last one if the key repeats (as the parser reads it), else from `<<` merges in
 * order, with the path of the map that holds it.
 */
function pairOf(walk: Walk, map: YAMLMap, path: string[], key: string): { pair: Pair; path: string[] } | null {
  const stack = [{ map, path }];
  const seen = new Set<YAMLMap>();
  for (let current = stack.pop(); current && seen.size < MAX_MERGED_MAPS; current = stack.pop()) {
    if (seen.has(current.map)) continue;
    seen.add(current.map);
    const keys = keysOf(walk, current.map);
    const own = keys.get(key);
    if (own) return { pair: own, path: current.path };
    const merge = keys.get('<<')?.value;
    const sources = isSeq(merge) ? merge.items : [merge];
    for (const source of [...sources].reverse()) {
      const target = isAlias(source) ? walk.anchors().targets.get(source) : null;
      if (isMap(target?.node)) stack.push({ map: target.node, path: target.path });
    }
  }
  return null;
}

function keysOf(walk: Walk, map: YAMLMap): Map<string, Pair> {
  let keys = walk.keys.get(map);
  if (!keys) {
    keys = new Map();
    for (const pair of map.items) if (isScalar(pair.key)) keys.set(String(pair.key.value), pair);
    walk.keys.set(map, keys);
  }
  return keys;
}

/** An alias stands for its anchor's node: report that node, where the text is. */
function resolveAlias(walk: Walk, place: Place): Place {
  if (!isAlias(place.node)) return place;
  return walk.anchors().targets.get(place.node) ?? { ...place, node: null };
}

/** The target of a local `$ref` (`#/…`) held by a map, or null. */
function localRef(walk: Walk, node: Node | null): string | null {
  if (!isMap(node)) return null;
  const ref = keysOf(walk, node).get('$ref')?.value;
  const value = isScalar(ref) ? ref.value : null;
  return typeof value === 'string' && (value === '#' || value.startsWith('#/')) ? value : null;
}

/** `#/components/schemas/a~1b` → ['components', 'schemas', 'a/b']; null when the fragment is malformed. */
export function pointerSegments(ref: string): string[] | null {
  if (ref === '#') return [];
  try {
    return ref
      .slice(2)
      .split('/')
      .map((segment) => decodeURIComponent(segment).replaceAll('~1', '/').replaceAll('~0', '~'));
  } catch {
    return null;
  }
}

function isIndex(segment: string): boolean {
  if (segment === '' || segment.length > 9) return false;
  for (const char of segment) if (char < '0' || char > '9') return false;
  return true;
}

/**
 * The offset the parser (Spectral) would report for a node, so a located path reads the same with or
 * without a `$ref` on the way: a scalar at its start, a collection held by a key just after the key.
 */
function offsetOf({ node, via, path }: Place): number {
  if (path.length === 0) return 0;
  if (via && !isScalar(node) && isScalar(via.key) && via.key.range) return via.key.range[1] + 1;
  if (!node || !node.range) return via && isScalar(via.key) && via.key.range ? via.key.range[1] : 0;
  return node.range[0];
}
