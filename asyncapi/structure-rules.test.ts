import assert from 'node:assert/strict';
import { readdir, readFile } from 'node:fs/promises';
import { describe, test } from 'node:test';
import { Parser, type Diagnostic } from '@asyncapi/parser';
import { parse as parseYaml } from 'yaml';
import { generateLargeDocument } from './examples/generate-large.ts';
import { structureRulesCompiledOnce } from './structure-rules.ts';

const EXAMPLES = new URL('./examples/', import.meta.url);
const NO_READS = { resolver: { cache: false, resolvers: [] } };

/** Every example document under asyncapi/examples, valid and invalid, by path. */
async function examples(): Promise<[string, string][]> {
  const files = (await readdir(EXAMPLES, { recursive: true })).filter((file) => /\.(ya?ml|json)$/.test(file)).sort();
  return Promise.all(files.map(async (file): Promise<[string, string]> => [file, await readFile(new URL(file, EXAMPLES), 'utf8')]));
}

/** Structure errors the specification's schema reports, made in each valid document. */
function broken(name: string, raw: string): [string, string][] {
  const root = parseYaml(raw) as Record<string, unknown>;
  if (!root || typeof root !== 'object' || !('info' in root)) return [];
  const info = root.info as Record<string, unknown>;
  const [channel] = Object.keys((root.channels as Record<string, unknown> | undefined) ?? {});
  const withChannelField = channel ? { ...root, channels: { ...(root.channels as object), [channel]: { bogus: true } } } : root;
  return [
    [`${name}: info.version a number`, JSON.stringify({ ...root, info: { ...info, version: 3 } })],
    [`${name}: no info`, JSON.stringify({ ...root, info: undefined })],
    [`${name}: a channel with an unknown field`, JSON.stringify(withChannelField)],
  ];
}

const comparable = (diagnostics: Diagnostic[]) =>
  diagnostics.map(({ code, message, path, severity, range }) => ({ code, message, path, severity, range }));

describe('the structure rules that compile the specification once', () => {
  test('report exactly what the parser’s own rules report, document after document, in any order', async () => {
    const valid = await examples();
    const documents: [string, string][] = [
      ...valid,
      ...valid.flatMap(([name, raw]) => broken(name, raw)),
      ['generated 3.0, 12 channels', generateLargeDocument(12)],
      // Versions share inner `$id`s (3.1 reuses 3.0's definitions, bindings are shared): one after another, each its own.
      ...valid
        .filter(([name]) => !name.includes('/'))
        .flatMap(([name, raw]): [string, string][] => [
          [`${name} as 3.1.0`, raw.replace(/^asyncapi: 3\.0\.0$/m, 'asyncapi: 3.1.0')],
          [`${name} as 2.3.0`, raw.replace(/^asyncapi: 2\.6\.0$/m, 'asyncapi: 2.3.0')],
        ])
        .filter(([, raw]) => !valid.some(([, original]) => original === raw)),
    ];
    const own = new Parser({ __unstable: NO_READS });
    const shared = new Parser({ ruleset: structureRulesCompiledOnce(), __unstable: NO_READS });
    const expected = new Map<string, ReturnType<typeof comparable>>();
    for (const [name, raw] of documents) {
      expected.set(name, comparable((await own.parse(raw)).diagnostics));
      assert.deepEqual(comparable((await shared.parse(raw)).diagnostics), expected.get(name), name);
    }
    // The second time through, every schema is already compiled: nothing carries over from one document to the next.
    for (const [name, raw] of [...documents].reverse()) {
      assert.deepEqual(comparable((await shared.parse(raw)).diagnostics), expected.get(name), `${name}, again`);
    }
    const structureErrors = [...expected.values()].flat().filter((d) => String(d.code).startsWith('asyncapi-document-')).length;
    assert.ok(structureErrors >= 40, `only ${structureErrors} structure errors were compared`);
  });
});
