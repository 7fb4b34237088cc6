import { readFile } from 'node:fs/promises';
import { Parser } from '@asyncapi/parser';
import { generateLargeDocument } from '../asyncapi/examples/generate-large.ts';
import { startParseWorker, type ParseWorker } from '../asyncapi/parse-worker.ts';
import { validateDocument } from '../asyncapi/validate.ts';
import { createCatalogue } from '../lib/catalogue.ts';
import { openDatabase } from '../prisma/db.ts';

const DOCUMENTS = 100;
const ROUNDS = 3;
/** Registrations in flight at once, as `event-portal register` sends them. */
const CONCURRENCY = 4;
const EXAMPLES = ['ecommerce-orders.yaml', 'greenhouse-sensors.yaml', 'user-signup-v2.yaml'];

/**
 * `DOCUMENTS` distinct documents, tagged with `round` so no parse cache serves one round from another: the three
 * examples, and generated ones of 5 to 40 channels (about 5 to 40 KB), each with a title of its own.
 */
async function corpus(round: number): Promise<string[]> {
  const examples = await Promise.all(EXAMPLES.map((name) => readFile(new URL(`../asyncapi/examples/${name}`, import.meta.url), 'utf8')));
  const tagged = examples.map((raw) => raw.replace(/^( {2}title: .*)$/m, `$1 r${round}`));
  const generated = Array.from({ length: DOCUMENTS - tagged.length }, (_, i) =>
    generateLargeDocument(5 + (i % 36)).replace(/^( {2}title: .*)$/m, `$1 r${round} n${i}`),
  );
  return [...tagged, ...generated];
}

async function timed(action: () => Promise<unknown>): Promise<number> {
  const start = performance.now();
  await action();
  return performance.now() - start;
}

/** Runs `tasks` with at most `limit` in flight. */
async function withConcurrency(limit: number, tasks: (() => Promise<unknown>)[]): Promise<void> {
  let next = 0;
  const lane = async (): Promise<void> => {
    while (next < tasks.length) await tasks[next++]!();
  };
  await Promise.all(Array.from({ length: limit }, lane));
}

const median = (values: number[]): number => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? NaN;
const fmt = (n: number, digits = 2): string => n.toFixed(digits);

/** A fresh in-memory catalogue on `parser`, for one round. */
async function freshCatalogue(parser: ParseWorker) {
  const database = await openDatabase({ pgliteDir: 'memory://' });
  await database.migrate();
  return { database, catalogue: createCatalogue({ db: database.prisma, validator: parser, differ: parser }) };
}

/**
 * The "import" part of `npm run bench`: registering a folder of 100 documents through the catalogue (the parse
 * workers in parallel, PGlite) against one warm bare parser parsing them one after another, in paired rounds; and
 * each document registered alone against its own warm bare parse (the cost of the portal around a parse).
 */
export async function benchImport(): Promise<void> {
  const bare = new Parser();
  await bare.parse(await readFile(new URL('../asyncapi/examples/ecommerce-orders.yaml', import.meta.url), 'utf8'));
  const parser = startParseWorker();
  try {
    // Both workers loaded before anything is timed, as on a portal that has served a few registrations.
    await Promise.all((await corpus(-1)).slice(0, 2).map((raw) => parser.validate(raw)));
    const ratios: number[] = [];
    const rates = { bare: [] as number[], validator: [] as number[], portal: [] as number[] };
    // The portal's own validator in this thread, one after another: what the workers' parallelism adds beyond it.
    const parallelism: number[] = [];
    await validateDocument((await corpus(-2))[0]!);
    for (let round = 0; round < ROUNDS; round++) {
      const documents = await corpus(round);
      const bareMs = await timed(async () => {
        for (const raw of documents) await bare.parse(raw);
      });
      const validatorMs = await timed(async () => {
        for (const raw of documents) await validateDocument(raw);
      });
      const { database, catalogue } = await freshCatalogue(parser);
      try {
        const portalMs = await timed(() =>
          withConcurrency(
            CONCURRENCY,
            documents.map((raw) => () => catalogue.register(raw)),
          ),
        );
        rates.bare.push((DOCUMENTS / bareMs) * 1000);
        rates.validator.push((DOCUMENTS / validatorMs) * 1000);
        rates.portal.push((DOCUMENTS / portalMs) * 1000);
        ratios.push(bareMs / portalMs);
        parallelism.push(validatorMs / portalMs);
      } finally {
        await database.close();
      }
      process.stderr.write(
        `import: round ${round + 1}/${ROUNDS}: ${fmt(rates.bare.at(-1)!, 1)} vs ${fmt(rates.portal.at(-1)!, 1)} documents/s\n`,
      );
    }

    // One at a time: each document's warm bare parse, then its registration alone (a new version of a new document).
    const single: number[] = [];
    const { database, catalogue } = await freshCatalogue(parser);
    try {
      for (const raw of await corpus(ROUNDS)) {
        const parse = await timed(() => bare.parse(raw));
        single.push((await timed(() => catalogue.register(raw))) / parse);
      }
    } finally {
      await database.close();
    }

    console.log(
      `\nimport: ${DOCUMENTS} documents (${EXAMPLES.length} examples, ${DOCUMENTS - EXAMPLES.length} generated of 5–40 channels), ${ROUNDS} paired rounds, medians`,
    );
    console.log(`  one warm bare parser, one after another   ${fmt(median(rates.bare), 1).padStart(7)} documents/s  baseline`);
    console.log(
      `  portal import, ${CONCURRENCY} at a time, 2 parse workers ${fmt(median(rates.portal), 1).padStart(7)} documents/s  ${fmt(median(ratios))}× (rounds ${ratios.map((r) => fmt(r)).join(', ')}; target ≥ 1.7×)`,
    );
    console.log(
      `  the portal's validator, one after another ${fmt(median(rates.validator), 1).padStart(7)} documents/s  ${fmt(median(rates.validator) / median(rates.bare))}× the bare parser (its rules compile the specification's schema once)`,
    );
    console.log(
      `  portal import against its own validator in one thread: ${fmt(median(parallelism))}× (rounds ${parallelism.map((r) => fmt(r)).join(', ')}): what the parallel workers add`,
    );
    console.log(
      `  one document registered alone, against its warm bare parse: median ${fmt(median(single))}× over ${single.length} documents (spread ${fmt(Math.min(...single))}–${fmt(Math.max(...single))}; target ≤ 1.2×)`,
    );
  } finally {
    await parser.close();
  }
}
