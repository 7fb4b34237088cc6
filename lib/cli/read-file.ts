import { open, type FileHandle } from 'node:fs/promises';
import { MAX_DOCUMENT_BYTES } from '../../asyncapi/limits.ts';
import type { Diagnostic } from '../../asyncapi/types.ts';
import { DocumentInvalidError } from '../errors.ts';
import { documentText } from '../text-body.ts';

export type FileText = { readable: true; text: string } | { readable: false; error: string; diagnostics: Diagnostic[] };

const CHUNK_BYTES = 1024 * 1024;

/**
 * A document file's text, read no further than the portal's limit (`MAX_DOCUMENT_BYTES`) and decoded as the
 * portal decodes a body: bytes that are not UTF-8, or a NUL, are refused at their line. A missing file, a
 * directory or one over the limit is refused with a sentence saying so; nothing throws.
 * @example const file = await readDocumentFile('asyncapi.yaml'); if (file.readable) await validateDocument(file.text);
 */
export async function readDocumentFile(path: string): Promise<FileText> {
  let bytes: Buffer;
  try {
    bytes = await readBounded(path);
  } catch (error) {
    return unreadable(error instanceof FileRefusal ? error.message : openFailure(path, error));
  }
  try {
    return { readable: true, text: documentText(bytes) };
  } catch (error) {
    if (error instanceof DocumentInvalidError) return { readable: false, error: error.message, diagnostics: error.diagnostics };
    throw error;
  }
}

/** Why a file is not read, in a sentence. */
class FileRefusal extends Error {}

async function readBounded(path: string): Promise<Buffer> {
  const handle = await open(path, 'r');
  try {
    const info = await handle.stat();
    if (info.isDirectory())
      throw new FileRefusal(`${path} is a directory: name the files in it (register takes a directory, validate and check take files).`);
    if (info.size > MAX_DOCUMENT_BYTES) throw new FileRefusal(tooLarge(`${info.size} bytes`));
    return await readAtMost(handle, MAX_DOCUMENT_BYTES);
  } finally {
    await handle.close();
  }
}

// A file can grow after stat, and a pipe or device has no size: the limit holds for what is read.
async function readAtMost(handle: FileHandle, limit: number): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let total = 0;
  for (;;) {
    const chunk = Buffer.alloc(Math.min(CHUNK_BYTES, limit + 1 - total));
    const { bytesRead } = await handle.read(chunk, 0, chunk.length, null);
    if (bytesRead === 0) return Buffer.concat(chunks, total);
    chunks.push(chunk.subarray(0, bytesRead));
    total += bytesRead;
    if (total > limit) throw new FileRefusal(tooLarge(`over ${limit} bytes`));
  }
}

const tooLarge = (size: string): string =>
  `The file is ${size}; the portal takes documents of at most ${MAX_DOCUMENT_BYTES} bytes (5 MB). Split it or remove unused components.`;

function openFailure(path: string, error: unknown): string {
  const code = (error as NodeJS.ErrnoException).code;
  if (code === 'ENOENT') return `${path} does not exist.`;
  if (code === 'EACCES' || code === 'EPERM') return `${path} cannot be read: permission denied.`;
  if (code === 'EISDIR') return `${path} is a directory: name the files in it.`;
  return `${path} cannot be read: ${error instanceof Error ? error.message : String(error)}`;
}

function unreadable(error: string): FileText {
  return { readable: false, error, diagnostics: [{ severity: 'error', message: error, path: '', line: null, column: null }] };
}
