/** The parse worker is gone (crashed, exited or closed) before answering; the request may be retried. */
export class ParserUnavailableError extends Error {
  override readonly name = 'ParserUnavailableError' as const;
}

/**
 * This document (or this comparison) made its parse worker run out of time or memory, so that worker was stopped;
 * sending it again would do the same. Other requests are served by another worker.
 */
export class DocumentTooComplexError extends Error {
  override readonly name = 'DocumentTooComplexError' as const;
}
