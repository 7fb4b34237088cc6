import { spawn } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

export interface Counts {
  passed: number;
  failed: number;
}

const SKIP_DIRS = new Set(['node_modules', '.next', '.git', 'e2e', 'generated', '.data', 'test-results']);
const INTEGRATION = '.integration.test.ts';

/** The node test files of a kind: integration tests are named `*.integration.test.ts`, unit tests are the other `*.test.ts`. */
export function testFiles(kind: 'unit' | 'integration', dir = '.'): string[] {
  return readdirSync(dir, { withFileTypes: true })
    .flatMap((entry) => {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) return SKIP_DIRS.has(entry.name) ? [] : testFiles(kind, path);
      if (!entry.name.endsWith('.test.ts')) return [];
      return entry.name.endsWith(INTEGRATION) === (kind === 'integration') ? [path] : [];
    })
    .sort();
}

/** Runs a command with inherited output, or with its stdout captured and echoed; resolves with its exit code. */
export function run(command: string, args: string[], env: NodeJS.ProcessEnv, capture?: (text: string) => void): Promise<number> {
  return new Promise((resolve) => {
    const child = spawn(command, args, { env, stdio: ['ignore', capture ? 'pipe' : 'inherit', 'inherit'] });
    child.stdout?.on('data', (chunk: Buffer) => {
      process.stdout.write(chunk);
      capture?.(chunk.toString());
    });
    child.on('error', () => resolve(127));
    child.on('exit', (code) => resolve(code ?? 1));
  });
}

/** A command that passes or fails as a whole (lint, type-check, build): one failure when it fails. */
export async function check(command: string, args: string[], env: NodeJS.ProcessEnv): Promise<Counts> {
  return (await run(command, args, env)) === 0 ? { passed: 0, failed: 0 } : { passed: 0, failed: 1 };
}

/** Runs node test files one at a time and counts their tests from the spec reporter's summary. */
export async function nodeTests(files: string[], env: NodeJS.ProcessEnv): Promise<Counts> {
  if (files.length === 0) return { passed: 0, failed: 0 };
  let output = '';
  const args = ['--import', 'tsx', '--test', '--test-concurrency=1', '--test-reporter=spec', ...files];
  const code = await run('node', args, env, (text) => (output += text));
  const count = (label: string): number => Number(new RegExp(`ℹ ${label} (\\d+)`).exec(output)?.[1] ?? 0);
  const counts = { passed: count('pass'), failed: count('fail') + count('cancelled') };
  if (code !== 0 && counts.failed === 0) counts.failed = 1;
  return counts;
}

/** Runs the Playwright specs and counts them from its JSON report. */
export async function playwrightTests(env: NodeJS.ProcessEnv): Promise<Counts> {
  const report = join('test-results', 'playwright.json');
  const code = await run('npx', ['playwright', 'test', '--reporter=list,json'], { ...env, PLAYWRIGHT_JSON_OUTPUT_NAME: report });
  try {
    const { stats } = JSON.parse(readFileSync(report, 'utf8')) as { stats: { expected: number; unexpected: number; flaky: number } };
    return { passed: stats.expected + stats.flaky, failed: stats.unexpected + (code !== 0 && stats.unexpected === 0 ? 1 : 0) };
  } catch {
    return { passed: 0, failed: 1 };
  }
}
