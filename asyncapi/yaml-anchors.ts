import { isAlias, isMap, isScalar, isSeq, type Alias, type Document, type Node, type Pair } from 'yaml';

/** A node of a YAML tree, the pair that holds it (null for the root and sequence items) and its JSON path. */
export interface Place {
  node: Node | null;
  via: Pair | null;
  path: string[];
}

export interface AnchorIndex {
  /** Each alias's anchored node, where its text is. */
  targets: Map<Alias, Place>;
}

interface Visit {
  node: Node | null;
  via: Pair | null;
  segment: string;
  parent: Visit | null;
}

/**
 * Finds the anchored node of every alias in one pass over the tree (yaml's `Alias.resolve` walks the whole
 * document for each call). An alias means the last anchor of its name before it, as YAML reads it.
 * @example anchorIndex(parseDocument('a: &x 1\nb: *x')).targets // Map { Alias(x) => { path: ['a'], … } }
 */
export function anchorIndex(doc: Document): AnchorIndex {
  const anchors = new Map<string, Place>();
  const targets = new Map<Alias, Place>();
  const stack: Visit[] = [{ node: doc.contents, via: null, segment: '', parent: null }];
  for (let visit = stack.pop(); visit; visit = stack.pop()) {
    const { node } = visit;
    if (isAlias(node)) {
      const target = anchors.get(node.source);
      if (target) targets.set(node, target);
      continue;
    }
    if (node?.anchor) anchors.set(node.anchor, { node, via: visit.via, path: pathOf(visit) });
    // Children go on the stack last first, so they come off in document order.
    if (isMap(node)) {
      for (const pair of [...node.items].reverse())
        if (isScalar(pair.key)) stack.push({ node: pair.value as Node | null, via: pair, segment: String(pair.key.value), parent: visit });
    } else if (isSeq(node)) {
      for (let i = node.items.length - 1; i >= 0; i--)
        stack.push({ node: node.items[i] as Node, via: null, segment: String(i), parent: visit });
    }
  }
  return { targets };
}

function pathOf(visit: Visit): string[] {
  const path: string[] = [];
  for (let at: Visit | null = visit; at?.parent; at = at.parent) path.push(at.segment);
  return path.reverse();
}
