/**
 * `npm test`: the whole suite on a fresh machine: lint, type-check, unit tests, integration tests (the runner's
 * throwaway Redis and PostgreSQL), the build and the Playwright specs in Chromium against the real server.
 * `npm run test:unit`, `test:integration` and `test:e2e` run one part (`scripts/test.ts unit|integration|e2e`).
 * Ends with each stage's duration, then one line CI reads: `tests: N passed, N failed`.
 */
import { rmSync } from 'node:fs';
import { findTool, freePort, startPostgres, startRedis, type RunningService } from '../testing/services.ts';
import { ensurePackages, type Requirement } from './test/packages.ts';
import { check, nodeTests, playwrightTests, testFiles, type Counts } from './test/run.ts';

type Part = 'unit' | 'integration' | 'e2e';

const production = (env: NodeJS.ProcessEnv): NodeJS.ProcessEnv => ({ ...env, NODE_ENV: 'production' });

function build(env: NodeJS.ProcessEnv): Promise<Counts> {
  rmSync('test-results', { recursive: true, force: true });
  return check('npm', ['run', 'build'], production(env));
}

interface Stage {
  name: string;
  run: (env: NodeJS.ProcessEnv) => Promise<Counts>;
  /** A failure here skips the stages after it (the specs need the build). */
  fatal?: boolean;
}

/** Unit tests run without the services, so one that reaches for them fails here as it does under test:unit. */
function withoutServices(env: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  const { REDIS_URL: _redis, TEST_DATABASE_URL: _postgres, ...rest } = env;
  return rest;
}

const PARTS: Record<Part, Stage[]> = {
  unit: [{ name: 'unit tests', run: (env) => nodeTests(testFiles('unit'), withoutServices(env)) }],
  integration: [{ name: 'integration tests', run: (env) => nodeTests(testFiles('integration'), env) }],
  e2e: [
    { name: 'build', fatal: true, run: build },
    { name: 'end-to-end tests (Playwright, Chromium)', run: (env) => playwrightTests(production(env)) },
  ],
};
const NEEDS: Record<Part, Requirement[]> = {
  unit: [],
  integration: ['redis-server', 'postgresql'],
  // PostgreSQL and HAProxy for several instances behind a load balancer (e2e/scale.spec.ts).
  e2e: ['redis-server', 'chromium', 'postgresql', 'haproxy'],
};
/** What the whole suite checks before it installs or starts anything: a formatting slip fails in seconds. */
const STATIC_CHECKS: Stage[] = [
  { name: 'lint', run: (env) => check('npm', ['run', '-s', 'lint'], env) },
  { name: 'type-check', run: (env) => check('npx', ['tsc', '--noEmit'], env) },
];

function partsOf(argument: string | undefined): Part[] {
  if (argument === undefined) return ['unit', 'integration', 'e2e'];
  if (Object.hasOwn(PARTS, argument)) return [argument as Part];
  throw new Error(`Unknown part "${argument}": run scripts/test.ts with unit, integration, e2e or nothing (everything).`);
}

/** Throwaway services for the parts that need them, and the environment that names them. */
async function environment(parts: Part[], services: RunningService[]): Promise<NodeJS.ProcessEnv> {
  const needs = parts.flatMap((part) => NEEDS[part]);
  ensurePackages(needs);
  const env: NodeJS.ProcessEnv = { ...process.env, NODE_ENV: 'test' };
  if (needs.includes('redis-server')) {
    const redis = await startRedis();
    services.push(redis);
    env.REDIS_URL = redis.url;
  }
  if (needs.includes('postgresql')) {
    const postgres = await startPostgres();
    services.push(postgres);
    env.TEST_DATABASE_URL = postgres.url;
  }
  if (parts.includes('e2e')) {
    env.E2E_PORT = String(await freePort());
    env.CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? findTool('chromium') ?? undefined;
  }
  return env;
}

const totals: Counts = { passed: 0, failed: 0 };
const durations: [string, number][] = [];

async function runStages(stages: Stage[], env: NodeJS.ProcessEnv): Promise<void> {
  for (const stage of stages) {
    process.stdout.write(`\n=== ${stage.name}\n`);
    const started = Date.now();
    const counts = await stage.run(env);
    durations.push([stage.name, Date.now() - started]);
    totals.passed += counts.passed;
    totals.failed += counts.failed;
    if (stage.fatal && counts.failed > 0) {
      process.stderr.write(`\n${stage.name} failed: the stages after it did not run\n`);
      return;
    }
  }
}

const whole = process.argv[2] === undefined;
const parts = partsOf(process.argv[2]);
const services: RunningService[] = [];
try {
  if (whole) await runStages(STATIC_CHECKS, { ...process.env, NODE_ENV: 'test' });
  process.stdout.write('\n=== starting what the tests need\n');
  const env = await environment(parts, services);
  await runStages(
    parts.flatMap((part) => PARTS[part]),
    env,
  );
} catch (error) {
  process.stderr.write(`\n${(error as Error).message}\n`);
  totals.failed += 1;
} finally {
  await Promise.all(services.map((service) => service.stop()));
}
const width = Math.max(0, ...durations.map(([name]) => name.length));
process.stdout.write(
  `\nstage durations:\n${durations.map(([name, ms]) => `  ${name.padEnd(width)}  ${(ms / 1000).toFixed(1)} s\n`).join('')}`,
);
process.stdout.write(`\ntests: ${totals.passed} passed, ${totals.failed} failed\n`);
process.exit(totals.failed === 0 ? 0 : 1);
