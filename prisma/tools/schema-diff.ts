import { readFile } from 'node:fs/promises';
import { PGlite } from '@electric-sql/pglite';
import { PrismaPGlite } from 'pglite-prisma-adapter';
import { bindMigrationAwareSqlAdapterFactory } from '@prisma/driver-adapter-utils';
import type { DiffTarget } from '@prisma/schema-engine-wasm';
import * as bindings from '@prisma/schema-engine-wasm/schema_engine_bg';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

export const SCHEMA_PATH = new URL('../schema.prisma', import.meta.url);

let loaded: Promise<void> | undefined;

/** Node 20 cannot import `.wasm` as an ES module, so the package's entry is wired up by hand. */
function loadEngine(): Promise<void> {
  loaded ??= (async () => {
    const entry = createRequire(import.meta.url).resolve('@prisma/schema-engine-wasm');
    const wasmPath = join(dirname(entry), 'schema_engine_bg.wasm');
    const { instance } = await WebAssembly.instantiate(await readFile(wasmPath), {
      './schema_engine_bg.js': bindings as unknown as WebAssembly.ModuleImports,
    });
    bindings.__wbg_set_wasm(instance.exports);
    (instance.exports.__wbindgen_start as () => void)();
  })();
  return loaded;
}

async function schemaFiles(): Promise<{ path: string; content: string }[]> {
  return [{ path: 'schema.prisma', content: await readFile(SCHEMA_PATH, 'utf8') }];
}

/** The schema file as the engine wants it. */
export async function schemaTarget(): Promise<DiffTarget> {
  return { tag: 'schemaDatamodel', files: await schemaFiles() };
}

/** The database passed to `diffSql`, introspected as it is now. */
export async function liveDatabaseTarget(): Promise<DiffTarget> {
  return { tag: 'schemaDatasource', files: await schemaFiles(), configDir: process.cwd() };
}

/**
 * The SQL that turns `from` into `to`, computed offline by Prisma's WebAssembly schema engine
 * (the CLI's native engine cannot be downloaded here). `db` is the database the engine may inspect.
 * @example await diffSql({ tag: 'empty' }, await schemaTarget())
 */
export async function diffSql(from: DiffTarget, to: DiffTarget, db: PGlite = new PGlite()): Promise<string> {
  await loadEngine();
  // The engine expects the error-capturing wrapper the Prisma CLI puts around an adapter.
  const adapter = bindMigrationAwareSqlAdapterFactory(new PrismaPGlite(db));
  const engine = await bindings.SchemaEngine.new({ datamodels: undefined }, () => {}, adapter);
  try {
    const result = await engine.diff({
      from,
      to,
      script: true,
      exitCode: null,
      filters: { externalTables: [], externalEnums: [] },
    });
    return result.stdout ?? '';
  } finally {
    engine.free();
  }
}
