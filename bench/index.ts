/**
 * `npm run bench [-- part ...]`: the benchmarks, each reporting ratios against a baseline measured in the
 * same run, since absolute figures on a shared machine are noise. Parts: register, import, live, conformance, hostile, eda, scale, browser.
 */
import { benchBrowser } from './browser.ts';
import { benchConformance } from './conformance.ts';
import { benchEda } from './eda.ts';
import { benchHostile } from './hostile/index.ts';
import { benchImport } from './import.ts';
import { benchLive } from './live/index.ts';
import { benchRegister } from './register.ts';
import { benchScale } from './scale.ts';

const parts: Record<string, () => Promise<void>> = {
  register: benchRegister,
  import: benchImport,
  live: benchLive,
  conformance: benchConformance,
  hostile: benchHostile,
  eda: benchEda,
  scale: benchScale,
  browser: benchBrowser,
};

const wanted = process.argv.slice(2);
for (const name of wanted.length > 0 ? wanted : Object.keys(parts)) {
  const part = parts[name];
  if (!part) {
    console.error(`Unknown benchmark part "${name}"; choose from: ${Object.keys(parts).join(', ')}`);
    process.exit(2);
  }
  await part();
}
