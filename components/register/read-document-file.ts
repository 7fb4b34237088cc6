import { MAX_DOCUMENT_BYTES } from '../../asyncapi/limits.ts';

export const ACCEPTED_FILES = '.yaml,.yml,.json,application/json,application/yaml,text/yaml';

/**
 * Reads a picked or dropped file as text; refuses what the portal would refuse anyway, before
 * loading megabytes into the editor.
 */
export async function readDocumentFile(file: File): Promise<{ text: string } | { error: string }> {
  if (!/\.(ya?ml|json)$/i.test(file.name)) {
    return { error: `“${file.name}” is not a .yaml, .yml or .json file. Pick an AsyncAPI document in YAML or JSON.` };
  }
  if (file.size > MAX_DOCUMENT_BYTES) {
    return { error: `“${file.name}” is ${formatBytes(file.size)}; the limit is 5 MB. Split it or remove unused components.` };
  }
  try {
    return { text: await file.text() };
  } catch (error) {
    return { error: `“${file.name}” could not be read: ${error instanceof Error ? error.message : String(error)}` };
  }
}

export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KB`;
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}
