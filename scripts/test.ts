/**
 * `npm test`: the whole suite on a fresh machine. Starts a throwaway Redis and PostgreSQL, type-checks,
 * runs the unit and integration tests (the store on PGlite and PostgreSQL), builds the app and runs the
 * Playwright specs in Chromium against the real server. Ends with one line: `tests: N passed, N failed`.
 */
import { spawn } from 'node:child_process';
import { readdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { findTool, freePort, startPostgres, startRedis, type RunningService } from '../testing/services.ts';

interface Counts {
  passed: number;
  failed: number;
}

const SKIP_DIRS = new Set(['node_modules', '.next', '.git', 'e2e', 'generated', '.data']);

function testFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return SKIP_DIRS.has(entry.name) ? [] : testFiles(path);
    return entry.name.endsWith('.test.ts') ? [path] : [];
  });
}

/** Runs a command with inherited output, or with its stdout captured and echoed; resolves with its exit code. */
function run(command: string, args: string[], env: NodeJS.ProcessEnv, capture?: (text: string) => void): Promise<number> {
  return new Promise((resolve) => {
    const child = spawn(command, args, { env, stdio: ['ignore', capture ? 'pipe' : 'inherit', 'inherit'] });
    child.stdout?.on('data', (chunk: Buffer) => {
      process.stdout.write(chunk);
      capture?.(chunk.toString());
    });
    child.on('exit', (code) => resolve(code ?? 1));
  });
}

function step(title: string): void {
  process.stdout.write(`\n=== ${title}\n`);
}

async function nodeTests(env: NodeJS.ProcessEnv): Promise<Counts> {
  let output = '';
  const files = testFiles('.').sort();
  const code = await run(
    'node',
    ['--import', 'tsx', '--test', '--test-concurrency=1', '--test-reporter=spec', ...files],
    env,
    (t) => (output += t),
  );
  const count = (label: string): number => Number(new RegExp(`ℹ ${label} (\\d+)`).exec(output)?.[1] ?? 0);
  const counts = { passed: count('pass'), failed: count('fail') + count('cancelled') };
  if (code !== 0 && counts.failed === 0) counts.failed = 1;
  return counts;
}

async function playwrightTests(env: NodeJS.ProcessEnv): Promise<Counts> {
  const report = join('test-results', 'playwright.json');
  const code = await run('npx', ['playwright', 'test', '--reporter=list,json'], { ...env, PLAYWRIGHT_JSON_OUTPUT_NAME: report });
  try {
    const stats = (JSON.parse(readFileSync(report, 'utf8')) as { stats: { expected: number; unexpected: number; flaky: number } }).stats;
    return { passed: stats.expected + stats.flaky, failed: stats.unexpected + (code !== 0 && stats.unexpected === 0 ? 1 : 0) };
  } catch {
    return { passed: 0, failed: 1 };
  }
}

const services: RunningService[] = [];
const totals: Counts = { passed: 0, failed: 0 };
const add = (c: Counts): void => void ((totals.passed += c.passed), (totals.failed += c.failed));
let exitCode = 1;
try {
  // Playwright launches exactly this browser (playwright.config.ts), so the check and the launch agree.
  const chromium = process.env.CHROMIUM_PATH ?? findTool('chromium');
  if (!chromium) {
    throw new Error(
      'chromium was not found on PATH. Install it (Debian: sudo apt-get install -y chromium) or set CHROMIUM_PATH to a Chromium or Chrome binary.',
    );
  }
  step('starting a throwaway Redis and PostgreSQL');
  const redis = await startRedis();
  services.push(redis);
  const postgres = await startPostgres();
  services.push(postgres);
  const env = {
    ...process.env,
    REDIS_URL: redis.url,
    TEST_DATABASE_URL: postgres.url,
    E2E_PORT: String(await freePort()),
    CHROMIUM_PATH: chromium,
    NODE_ENV: 'test' as const,
  };

  step('type-check');
  const tsc = await run('npx', ['tsc', '--noEmit'], env);
  if (tsc !== 0) add({ passed: 0, failed: 1 });

  step('unit and integration tests (node --test)');
  add(await nodeTests(env));

  step('build');
  rmSync('test-results', { recursive: true, force: true });
  if ((await run('npm', ['run', 'build'], { ...env, NODE_ENV: 'production' as const })) !== 0) throw new Error('next build failed');

  step('end-to-end tests (Playwright, Chromium)');
  add(await playwrightTests({ ...env, NODE_ENV: 'production' as const }));
  exitCode = totals.failed === 0 ? 0 : 1;
} catch (error) {
  process.stderr.write(`\n${(error as Error).message}\n`);
  totals.failed += 1;
} finally {
  await Promise.all(services.map((s) => s.stop()));
}
process.stdout.write(`\ntests: ${totals.passed} passed, ${totals.failed} failed\n`);
process.exit(exitCode);
