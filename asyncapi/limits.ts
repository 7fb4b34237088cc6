/** The largest document the catalogue accepts, in bytes of UTF-8. */
export const MAX_DOCUMENT_BYTES = 5 * 1024 * 1024;

/** Paths a diagnostic lists in `alsoReachedThrough`, and errors folded under it per `cascade` level, as reported and as stored. */
export const MAX_REACHED_THROUGH = 10;
export const MAX_CASCADE = 20;
/** Levels of `cascade` kept below a diagnostic: folding nests rarely more than two. */
export const MAX_CASCADE_DEPTH = 4;
