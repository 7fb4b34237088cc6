import { Parser } from '@asyncapi/parser';
import { generateLargeDocument } from '../asyncapi/examples/generate-large.ts';
import { startParseWorker } from '../asyncapi/parse-worker.ts';
import { createCatalogue } from '../lib/catalogue.ts';
import { openDatabase } from '../prisma/db.ts';

const RUNS = 3;

async function timed<T>(action: () => Promise<T>): Promise<number> {
  const start = performance.now();
  await action();
  return performance.now() - start;
}

const median = (values: number[]): number => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? NaN;
const fmt = (ms: number): string => `${ms.toFixed(0).padStart(6)} ms`;

/**
 * The "register" part of `npm run bench`: registering the 300-channel document through the catalogue
 * (worker-thread parser, cache, PGlite store), cold and warm, against a fresh `new Parser().parse()`.
 */
export async function benchRegister(): Promise<void> {
  const document = (version: string): string => generateLargeDocument(300).replace('version: 1.0.0', `version: ${version}`);
  const baselines: number[] = [];
  for (let i = 0; i < RUNS; i++) baselines.push(await timed(() => new Parser().parse(document(`0.0.${i}`))));
  const baseline = median(baselines);

  const database = await openDatabase({ pgliteDir: 'memory://' });
  await database.migrate();
  const parser = startParseWorker();
  const catalogue = createCatalogue({ db: database.prisma, validator: parser, differ: parser });
  try {
    const cold = await timed(() => catalogue.register(document('1.0.0')));
    const warm: number[] = [];
    for (let i = 1; i <= RUNS; i++) warm.push(await timed(() => catalogue.register(document(`1.${i}.0`))));
    const repeat: number[] = [];
    for (let i = 0; i < RUNS; i++) repeat.push(await timed(() => catalogue.register(document('1.0.0'))));
    const ratio = (ms: number): string => `${(ms / baseline).toFixed(2)}× the baseline`;
    console.log(`\nregister: the 300-channel document (${(document('1.0.0').length / 1024).toFixed(0)} KB), median of ${RUNS}`);
    console.log(`  baseline  new Parser().parse(), fresh parser each time  ${fmt(baseline)}`);
    console.log(`  cold      register on a new worker (parser starting)     ${fmt(cold)}  ${ratio(cold)}`);
    console.log(`  warm      register a new version, parser reused        ${fmt(median(warm))}  ${ratio(median(warm))}`);
    console.log(`  repeat    identical content again (cache hit, unchanged) ${fmt(median(repeat))}  ${ratio(median(repeat))}`);
  } finally {
    await parser.close();
    await database.close();
  }
}
