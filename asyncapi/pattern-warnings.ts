import { patternProblem } from './linear-pattern.ts';
import type { Diagnostic } from './types.ts';

export type JsonPath = (string | number)[];

/** Where a JSON path starts in the raw text, 0-based as the parser's ranges are, or undefined when unknown. */
export type Locate = (path: JsonPath) => { line: number; character: number } | undefined;

interface Visit {
  node: unknown;
  key: string | number | null;
  parent: Visit | null;
}

function pathOf(visit: Visit): JsonPath {
  const path: JsonPath = [];
  for (let at: Visit | null = visit; at?.key != null; at = at.parent) path.unshift(at.key);
  return path;
}

// Values under these keys are data, not schemas: a `pattern` key in an example is no pattern.
const DATA_KEYWORDS = new Set(['examples', 'example', 'default', 'const', 'enum']);

/**
 * A warning at each schema pattern (`pattern`, `patternProperties` keys) the portal cannot run in linear time:
 * the document is registered, but payloads its schema governs are reported as unchecked.
 * @example patternWarnings(output.extras?.document.data, (path) => output.extras?.document.getRangeForJsonPath(path, true)?.start)
 */
export function patternWarnings(root: unknown, locate: Locate): Diagnostic[] {
  const warnings: Diagnostic[] = [];
  const warn = (pattern: string, path: JsonPath): void => {
    const problem = patternProblem(pattern);
    if (problem === null) return;
    const start = locate(path);
    warnings.push({
      severity: 'warning',
      message: `The ${problem}: payloads checked against this schema are reported as unchecked. Rewrite it without lookarounds or backreferences.`,
      path: path.join('.'),
      line: start ? start.line + 1 : null,
      column: start ? start.character + 1 : null,
    });
  };
  // Iterative, each object once (YAML aliases may share or nest a node), paths built only for a warning.
  const seen = new Set<object>();
  const stack: Visit[] = [{ node: root, key: null, parent: null }];
  for (let visit = stack.pop(); visit; visit = stack.pop()) {
    const { node } = visit;
    if (node === null || typeof node !== 'object' || seen.has(node)) continue;
    seen.add(node);
    const children = Object.entries(node as Record<string, unknown>).filter(([key]) => !DATA_KEYWORDS.has(key));
    for (const [key, value] of children) {
      if (key === 'pattern' && typeof value === 'string') warn(value, [...pathOf(visit), key]);
      if (key === 'patternProperties' && value !== null && typeof value === 'object')
        for (const pattern of Object.keys(value)) warn(pattern, [...pathOf(visit), key, pattern]);
    }
    // Pushed last to first, so they are visited in document order.
    for (let i = children.length - 1; i >= 0; i--) {
      const [key, value] = children[i]!;
      stack.push({ node: value, key: Array.isArray(node) ? Number(key) : key, parent: visit });
    }
  }
  return warnings;
}
