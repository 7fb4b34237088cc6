import { readFile } from 'node:fs/promises';

/** The text of a file under `asyncapi/examples/`. */
export function readExample(path: string): Promise<string> {
  return readFile(new URL(`../asyncapi/examples/${path}`, import.meta.url), 'utf8');
}

/** The 1-based line of the first occurrence of `needle` in `text`; throws when absent so a test cannot pass by accident. */
export function lineOf(text: string, needle: string): number {
  const index = text.indexOf(needle);
  if (index < 0) throw new Error(`"${needle}" does not occur in the text`);
  return text.slice(0, index).split('\n').length;
}
