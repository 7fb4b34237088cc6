import type { Conformance, ConformanceStatus, TailMessage } from '../../lib/live/events.ts';
import { compileExpression, type ExpressionInput, type PayloadExpression } from './payload-expression.ts';

/** The tail's filters as plain data, so they can cross to a worker or a URL: empty fields filter nothing. */
export interface TriageFilter {
  /** Text the channel or the payload contains, ignoring case. */
  text: string;
  /** The conformance statuses kept; none means any (and messages the portal did not check). */
  statuses: readonly ConformanceStatus[];
  /** Text the matched document's slug or title contains, ignoring case. */
  document: string;
  /** Text the key of the message that judged the payload contains, ignoring case. */
  message: string;
  /** A JSONata expression over `{ channel, payload, status, document, message, receivedAt }`. */
  expression: string;
}

export const NO_FILTER: TriageFilter = { text: '', statuses: [], document: '', message: '', expression: '' };

export const STATUSES: readonly ConformanceStatus[] = ['violates', 'undocumented', 'unchecked', 'conforms'];

/** Whether any field filters anything. */
export function hasFilter(filter: TriageFilter): boolean {
  return Boolean(
    filter.text.trim() || filter.document.trim() || filter.message.trim() || filter.statuses.length > 0 || filter.expression.trim(),
  );
}

/** What the filters read of a message. */
export type FilterableMessage = Pick<TailMessage, 'channel' | 'payload' | 'receivedAt' | 'encoding' | 'truncated'> & {
  conformance?: Pick<Conformance, 'status' | 'document' | 'message'>;
};

/** A filter ready to test messages: the plain fields at once, the expression (when any) asynchronously. */
export interface CompiledTriage {
  readonly filter: TriageFilter;
  /** Whether any field filters anything. */
  readonly active: boolean;
  /** Whether the message passes every field but the expression. */
  accepts(message: FilterableMessage): boolean;
  /** Null when there is none, or when it did not compile (`expressionError` says why; it then keeps nothing). */
  readonly expression: PayloadExpression | null;
  readonly expressionError: string | null;
}

/**
 * Compiles the tail's filters; never throws.
 * @example compileTriage({ ...NO_FILTER, statuses: ['violates'], expression: 'payload.total > 100' })
 */
export function compileTriage(filter: TriageFilter): CompiledTriage {
  const text = filter.text.trim().toLowerCase();
  const document = filter.document.trim().toLowerCase();
  const messageKey = filter.message.trim().toLowerCase();
  const statuses = new Set(filter.statuses);
  const source = filter.expression.trim();
  const compiled = source ? compileExpression(source) : null;
  const expressionError = compiled && !compiled.ok ? compiled.error : null;
  return {
    filter,
    active: hasFilter(filter),
    expression: compiled?.ok ? compiled.expression : null,
    expressionError,
    accepts(message) {
      if (expressionError) return false;
      const conformance = message.conformance;
      if (statuses.size > 0 && !(conformance && statuses.has(conformance.status))) return false;
      if (document && !documentContains(conformance, document)) return false;
      if (messageKey && !conformance?.message?.toLowerCase().includes(messageKey)) return false;
      return !text || message.channel.toLowerCase().includes(text) || message.payload.toLowerCase().includes(text);
    },
  };
}

function documentContains(conformance: FilterableMessage['conformance'], text: string): boolean {
  const document = conformance?.document;
  return !!document && (document.slug.toLowerCase().includes(text) || document.title.toLowerCase().includes(text));
}

/**
 * What an expression evaluates for one message, or null when its payload is not whole JSON (binary, cut, or text):
 * such rows are skipped by an expression.
 */
export function expressionInput(message: FilterableMessage): ExpressionInput | null {
  if (message.truncated || message.encoding === 'base64') return null;
  let payload: unknown;
  try {
    payload = JSON.parse(message.payload);
  } catch {
    return null;
  }
  const { conformance } = message;
  const input: ExpressionInput = { channel: message.channel, payload, receivedAt: message.receivedAt };
  if (conformance) input.status = conformance.status;
  if (conformance?.document) input.document = conformance.document.slug;
  if (conformance?.message) input.message = conformance.message;
  return input;
}
