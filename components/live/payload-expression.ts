import jsonata from 'jsonata';
import type { ConformanceStatus } from '../../lib/live/events.ts';

/** What an expression sees of one row. */
export interface ExpressionInput {
  channel: string;
  /** The payload parsed as JSON. */
  payload: unknown;
  status?: ConformanceStatus;
  /** The slug of the catalogued document the channel matched. */
  document?: string;
  /** The key of the catalogued message whose schema judged the payload. */
  message?: string;
  receivedAt: number;
}

/** The longest expression accepted, in characters. */
export const EXPRESSION_MAX_CHARS = 1_000;

/** What one row may cost: milliseconds, nesting depth and sequence length. */
export const EXPRESSION_BUDGET = { timeout: 100, stack: 100, sequence: 10_000 } as const;

/** How one row fared: kept, left out, or left out because the expression failed on it. */
export type ExpressionOutcome = { kind: 'match' } | { kind: 'miss' } | { kind: 'error'; error: string; budget: boolean };

export interface PayloadExpression {
  readonly source: string;
  /** Never rejects. */
  evaluate(input: ExpressionInput): Promise<ExpressionOutcome>;
}

export type CompiledExpression = { ok: true; expression: PayloadExpression } | { ok: false; error: string };

/** JSONata errors that mean the row cost more than its budget. */
const BUDGET_CODES = new Set(['D1011', 'D1012', 'D2015']);

/**
 * Regular expressions could backtrack on a payload without the time budget being checked, so none is compiled:
 * JSONata hands a `/…/` literal to this engine, which refuses it.
 */
class RefusedRegex {
  constructor() {
    throw new Error(NO_REGEX);
  }
}

const NO_REGEX = 'Regular expressions are not allowed in a tail filter: use $contains with a string.';

/** Whether the syntax tree holds a `/…/` literal, so it is refused before any row is evaluated. */
function hasRegex(node: unknown, seen = new Set<object>()): boolean {
  if (!node || typeof node !== 'object' || seen.has(node)) return false;
  seen.add(node);
  if ('type' in node && node.type === 'regex') return true;
  return Object.values(node).some((child) => hasRegex(child, seen));
}

/**
 * Compiles a JSONata expression for the tail's filter, or says why it cannot be; never throws.
 * @example const compiled = compileExpression('payload.total > 100 and $contains(channel, "orders")');
 */
export function compileExpression(source: string): CompiledExpression {
  const text = source.trim();
  if (text.length > EXPRESSION_MAX_CHARS) return { ok: false, error: `The expression is longer than ${EXPRESSION_MAX_CHARS} characters.` };
  let compiled: jsonata.Expression;
  try {
    compiled = jsonata(text, { ...EXPRESSION_BUDGET, RegexEngine: RefusedRegex as unknown as RegExpConstructor });
  } catch (error) {
    return { ok: false, error: describe(error) };
  }
  if (hasRegex(compiled.ast())) return { ok: false, error: NO_REGEX };
  return {
    ok: true,
    expression: {
      source: text,
      async evaluate(input) {
        try {
          return truthy(await compiled.evaluate(input)) ? { kind: 'match' } : { kind: 'miss' };
        } catch (error) {
          return { kind: 'error', error: describe(error), budget: BUDGET_CODES.has(codeOf(error)) };
        }
      },
    },
  };
}

/** JSONata's own truth: empty, zero, null and false are false; a sequence is true when one of its items is. */
function truthy(value: unknown): boolean {
  if (Array.isArray(value)) return value.some(truthy);
  if (value && typeof value === 'object') return Object.keys(value).length > 0;
  if (typeof value === 'function') return false;
  return Boolean(value);
}

function codeOf(error: unknown): string {
  return error && typeof error === 'object' && 'code' in error && typeof error.code === 'string' ? error.code : '';
}

/** JSONata throws plain objects with a code, a message and a position; say them in one line. */
function describe(error: unknown): string {
  if (!error || typeof error !== 'object') return String(error);
  const message = 'message' in error && typeof error.message === 'string' ? error.message : 'The expression failed.';
  const position = 'position' in error && typeof error.position === 'number' ? ` (at character ${error.position})` : '';
  return `${message}${position}`;
}
