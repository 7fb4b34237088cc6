import type { Dir } from 'node:fs';
import { opendir, stat } from 'node:fs/promises';
import { join, resolve } from 'node:path';

/** The most files one `register` takes: more is a mistake (a wrong directory) or a job for several runs. */
export const MAX_FILES = 1000;
/** The most directory entries looked at, document or not, so a huge tree is refused rather than walked for minutes. */
const MAX_ENTRIES = 100_000;
const DOCUMENT_EXTENSIONS = ['.yaml', '.yml', '.json'];

/** A set of paths that cannot be registered as given: too many files, or a directory without documents. */
export class FileCollectionError extends Error {}

/**
 * The document files `paths` name: a file as given, whatever its extension (reading it reports a missing one), and
 * for a directory its `*.yaml`, `*.yml` and `*.json` files by name, with its subdirectories' when `recursive`
 * (hidden ones and symbolic links to directories left out). Each file once, in the order given.
 * @example await collectDocumentFiles(['asyncapi/'], { recursive: false }) // ['asyncapi/orders.yaml', …]
 * @throws FileCollectionError over MAX_FILES files, or for a directory that holds no document file.
 */
export async function collectDocumentFiles(paths: readonly string[], { recursive }: { recursive: boolean }): Promise<string[]> {
  const found = new Map<string, string>();
  const budget = { entries: MAX_ENTRIES };
  for (const path of paths) {
    const files = (await isDirectory(path)) ? await documentsIn(path, recursive, budget) : [path];
    if (files.length === 0)
      throw new FileCollectionError(
        `${path} holds no .yaml, .yml or .json file${recursive ? '' : ' (--recursive looks in its subdirectories)'}.`,
      );
    for (const file of files) if (!found.has(resolve(file))) found.set(resolve(file), file);
    if (found.size > MAX_FILES) throw new FileCollectionError(tooMany());
  }
  return [...found.values()];
}

async function isDirectory(path: string): Promise<boolean> {
  try {
    return (await stat(path)).isDirectory();
  } catch {
    return false;
  }
}

async function documentsIn(directory: string, recursive: boolean, budget: { entries: number }): Promise<string[]> {
  const files: string[] = [];
  const subdirectories: string[] = [];
  for await (const entry of await openDirectory(directory)) {
    if (--budget.entries < 0) throw new FileCollectionError(`${directory} holds over ${MAX_ENTRIES} entries: name a smaller directory.`);
    if (entry.name.startsWith('.')) continue;
    const path = join(directory, entry.name);
    if (entry.isDirectory()) {
      if (recursive) subdirectories.push(path);
    } else if (isDocumentName(entry.name) && (entry.isFile() || (entry.isSymbolicLink() && (await isFile(path))))) {
      files.push(path);
      if (files.length > MAX_FILES) throw new FileCollectionError(tooMany());
    }
  }
  files.sort();
  for (const subdirectory of subdirectories.sort()) files.push(...(await documentsIn(subdirectory, true, budget)));
  return files;
}

async function openDirectory(directory: string): Promise<Dir> {
  try {
    return await opendir(directory);
  } catch (error) {
    const reason = (error as NodeJS.ErrnoException).code === 'EACCES' ? 'permission denied' : String(error);
    throw new FileCollectionError(`${directory} cannot be listed: ${reason}.`);
  }
}

const isDocumentName = (name: string): boolean => DOCUMENT_EXTENSIONS.some((extension) => name.toLowerCase().endsWith(extension));

async function isFile(path: string): Promise<boolean> {
  try {
    return (await stat(path)).isFile();
  } catch {
    return false;
  }
}

const tooMany = (): string => `There are over ${MAX_FILES} document files to register: register them in several runs.`;
