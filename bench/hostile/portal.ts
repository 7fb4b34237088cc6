import { spawn, type ChildProcess } from 'node:child_process';
import { freePort } from '../../testing/services.ts';
import { waitUntil } from '../../testing/wait.ts';

export interface RunningPortal {
  url: string;
  stop(): Promise<void>;
}

/**
 * The portal as users run it (`scripts/start.ts`, which builds first when the build is stale), on a free port,
 * an in-memory database and the given Redis, with nothing seeded; `env` adds to or overrides its environment.
 */
export async function startPortal(redisUrl: string, env: Record<string, string> = {}): Promise<RunningPortal> {
  const port = await freePort();
  const child: ChildProcess = spawn(process.execPath, ['--import', 'tsx', 'scripts/start.ts'], {
    env: {
      ...process.env,
      HOST: '127.0.0.1',
      PORT: String(port),
      REDIS_URL: redisUrl,
      PGLITE_DIR: 'memory://',
      SEED: 'false',
      NODE_ENV: 'production',
      ...env,
    },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  const url = `http://127.0.0.1:${port}`;
  await waitUntil(
    async () => (await fetch(`${url}/api/health`).catch(() => null))?.ok === true,
    'the portal to answer /api/health',
    300_000,
  );
  return {
    url,
    stop: () =>
      new Promise((resolve) => {
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      }),
  };
}
