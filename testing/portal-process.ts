import { spawn } from 'node:child_process';
import { freePort } from './services.ts';
import { waitUntil } from './wait.ts';

export interface PortalProcess {
  name: string;
  port: number;
  url: string;
  /** Ends it as a crash would (SIGKILL): no shutdown. */
  kill(): Promise<void>;
  stop(): Promise<void>;
}

/**
 * A portal instance as users run it after `npm run build` (server.ts, production), on a free port with `env`
 * (DATABASE_URL, REDIS_URL, …), nothing seeded; resolves once it answers /api/health.
 * @example const a = await startPortalProcess('portal-a', { DATABASE_URL: url, REDIS_URL: redis });
 */
export async function startPortalProcess(name: string, env: Record<string, string>): Promise<PortalProcess> {
  const port = await freePort();
  const child = spawn(process.execPath, ['--import', 'tsx', 'server.ts'], {
    env: { ...process.env, HOST: '127.0.0.1', PORT: String(port), NODE_ENV: 'production', SEED: 'false', ...env },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let stderr = '';
  child.stderr.on('data', (chunk: Buffer) => (stderr = (stderr + chunk.toString()).slice(-4000)));
  const url = `http://127.0.0.1:${port}`;
  await waitUntil(
    async () => {
      if (child.exitCode !== null) throw new Error(`portal ${name} exited with ${child.exitCode}: ${stderr}`);
      return (await fetch(`${url}/api/health`).catch(() => null))?.ok === true;
    },
    `portal ${name} to answer /api/health`,
    120_000,
  );
  const ended = (signal: NodeJS.Signals) =>
    new Promise<void>((resolve) => {
      if (child.exitCode !== null || child.signalCode !== null) return resolve();
      child.once('exit', () => resolve());
      child.kill(signal);
    });
  return { name, port, url, kill: () => ended('SIGKILL'), stop: () => ended('SIGTERM') };
}
