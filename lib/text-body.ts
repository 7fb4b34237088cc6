import { DocumentInvalidError } from './errors.ts';

const REPLACEMENT = '\uFFFD';
const REPLACEMENT_BYTES = Buffer.from(REPLACEMENT, 'utf8');

/**
 * A document body as text, refused with a 422 naming the byte, line and column when it is not UTF-8 or
 * holds a NUL character (which PostgreSQL cannot store): decoding would otherwise replace such bytes
 * silently, and the stored document would differ from the one sent.
 * @example documentText(Buffer.from([0x61, 0xff])) // throws: "The document is not valid UTF-8 at byte 1 (line 1, column 2) …"
 */
export function documentText(body: Buffer): string {
  const text = body.toString('utf8');
  const invalid = firstInvalidCharacter(body, text);
  if (invalid !== null) refuse(text.slice(0, invalid), 'is not valid UTF-8', 'save it as UTF-8');
  const nul = text.indexOf('\u0000');
  if (nul !== -1) refuse(text.slice(0, nul), 'contains a NUL character', 'remove it');
  return text;
}

/** Where decoding replaced bytes that are not UTF-8 (as an index into `text`), or null. A U+FFFD the sender wrote is kept. */
function firstInvalidCharacter(body: Buffer, text: string): number | null {
  for (let at = text.indexOf(REPLACEMENT); at !== -1; at = text.indexOf(REPLACEMENT, at + 1)) {
    const offset = Buffer.byteLength(text.slice(0, at), 'utf8');
    if (!body.subarray(offset, offset + REPLACEMENT_BYTES.length).equals(REPLACEMENT_BYTES)) return at;
  }
  return null;
}

/** Refuses the document at the end of `before`, the valid text up to the problem. */
function refuse(before: string, problem: string, fix: string): never {
  const byteOffset = Buffer.byteLength(before, 'utf8');
  const line = before.split('\n').length;
  const column = before.length - before.lastIndexOf('\n');
  const message = `The document ${problem} at byte ${byteOffset} (line ${line}, column ${column}): ${fix} and send it again.`;
  throw new DocumentInvalidError(message, [{ severity: 'error', message, path: '', line, column }]);
}
