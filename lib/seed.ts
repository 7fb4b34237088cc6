import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Catalogue } from './catalogue.ts';
import { log } from './log.ts';

const EXAMPLES_DIR = fileURLToPath(new URL('../asyncapi/examples', import.meta.url));
const PORTAL_API = fileURLToPath(new URL('../asyncapi/portal.yaml', import.meta.url));
// Older versions first, so the history reads in order.
const SEED_FOLDERS = [EXAMPLES_DIR, join(EXAMPLES_DIR, 'versions')];

/**
 * Registers the example documents when the catalogue is empty, so a new user sees a useful portal.
 * Returns how many versions were registered.
 */
export async function seedCatalogue(catalogue: Catalogue): Promise<number> {
  if ((await catalogue.listDocuments()).length > 0) return 0;
  let count = 0;
  for (const folder of SEED_FOLDERS) {
    const files = (await readdir(folder)).filter((f) => /\.(ya?ml|json)$/.test(f)).sort();
    for (const file of files) {
      const result = await catalogue.register(await readFile(join(folder, file), 'utf8'));
      if (result.status === 'created') count += 1;
      log.info(`seeded ${result.slug} ${result.version}`);
    }
  }
  return count;
}

/** Registers the portal's own Socket.IO API (asyncapi/portal.yaml); unchanged content is a no-op. */
export async function registerPortalApi(catalogue: Catalogue): Promise<void> {
  const result = await catalogue.register(await readFile(PORTAL_API, 'utf8'));
  if (result.status === 'created') log.info(`registered the portal's own API as ${result.slug} ${result.version}`);
}
