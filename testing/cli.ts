import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('..', import.meta.url));

export interface CliRun {
  code: number | null;
  stdout: string;
  stderr: string;
}

/**
 * Runs the `event-portal` CLI as a pipeline would, in a child process from the checkout's root: through the bin
 * shim with `bin: true`, else as `npm run cli` does (`node --import tsx scripts/cli.ts`). EVENT_PORTAL_* are
 * taken from `env` only, never from the test's own environment.
 * @example const { code, stdout } = await runCli(['validate', 'lib/cli/fixtures/orders-1.0.0.yaml']);
 */
export function runCli(args: string[], { env = {}, bin = false }: { env?: Record<string, string>; bin?: boolean } = {}): Promise<CliRun> {
  const { EVENT_PORTAL_URL: _url, EVENT_PORTAL_TOKEN: _token, ...inherited } = process.env;
  const entry = bin ? ['bin/event-portal.js'] : ['--import', 'tsx', 'scripts/cli.ts'];
  const child = spawn(process.execPath, [...entry, ...args], {
    cwd: ROOT,
    env: { ...inherited, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
    // A CLI that hangs fails its test rather than the whole run.
    timeout: 120_000,
  });
  let stdout = '';
  let stderr = '';
  child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
  return new Promise((resolve, reject) => {
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}
