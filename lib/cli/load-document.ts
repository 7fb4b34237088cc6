import type { Diagnostic, NormalisedDocument } from '../../asyncapi/types.ts';
import { validateDocument } from '../../asyncapi/validate.ts';
import { readDocumentFile } from './read-file.ts';

export type LoadedDocument =
  | {
      file: string;
      valid: true;
      text: string;
      document: NormalisedDocument;
      resolved: Record<string, unknown>;
      /** The validator's warnings. */
      diagnostics: Diagnostic[];
    }
  | {
      file: string;
      valid: false;
      /** One sentence saying why the file was refused. */
      error: string;
      /** Every diagnostic, errors first; never empty, so each refusal prints at least one line. */
      diagnostics: Diagnostic[];
    };

/**
 * Reads and validates a document file with the portal's own validator, offline. Never throws.
 * @example const loaded = await loadDocument('asyncapi.yaml'); if (!loaded.valid) console.error(loaded.error);
 */
export async function loadDocument(file: string): Promise<LoadedDocument> {
  const read = await readDocumentFile(file);
  if (!read.readable) return { file, valid: false, error: read.error, diagnostics: read.diagnostics };
  const result = await validateDocument(read.text);
  if (result.valid)
    return { file, valid: true, text: read.text, document: result.document, resolved: result.resolved, diagnostics: result.warnings };
  // Some refusals (an empty document, one too large) come as a sentence with no diagnostic.
  const diagnostics = result.diagnostics.some((d) => d.severity === 'error')
    ? result.diagnostics
    : [{ severity: 'error' as const, message: result.error, path: '', line: null, column: null }, ...result.diagnostics];
  return { file, valid: false, error: result.error, diagnostics };
}
