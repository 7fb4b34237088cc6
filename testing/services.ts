import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { waitUntil } from './wait.ts';

export interface RunningService {
  url: string;
  stop(): Promise<void>;
}

/** A free TCP port on the loopback interface. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port'))));
    });
  });
}

export class MissingToolError extends Error {
  constructor(tool: string, debianPackage: string) {
    super(`${tool} was not found on PATH. Install it with: sudo apt-get install -y ${debianPackage}`);
    this.name = 'MissingToolError';
  }
}

/** The absolute path of a command, looked up on PATH and in the given extra folders. */
export function findTool(name: string, extraDirs: string[] = []): string | null {
  const found = spawnSync('sh', ['-c', `command -v ${name}`], { encoding: 'utf8' }).stdout.trim();
  if (found) return found;
  return extraDirs.map((dir) => join(dir, name)).find((path) => existsSync(path)) ?? null;
}

function stopProcess(child: ChildProcess, signal: NodeJS.Signals = 'SIGTERM'): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    child.once('exit', () => resolve());
    child.kill(signal);
  });
}

export interface RedisOptions {
  /** Keep an append-only file in `dir`, so the data survives a restart on the same folder. Default off. */
  appendOnly?: boolean;
  /** Where the append-only file goes; required with `appendOnly`. */
  dir?: string;
  /** Extra redis-server arguments, such as `['--rename-command', 'CONFIG', '']`. */
  args?: readonly string[];
}

/** A running throwaway redis-server; `kill()` ends it with SIGKILL, as a crash would, without a final write. */
export type RunningRedis = RunningService & { port: number; kill(): Promise<void> };

/** A throwaway redis-server on a free port (or the given one) that keeps nothing on disk unless asked to. */
export async function startRedis(port?: number, options: RedisOptions = {}): Promise<RunningRedis> {
  const binary = findTool('redis-server');
  if (!binary) throw new MissingToolError('redis-server', 'redis-server');
  port ??= await freePort();
  const persistence = options.appendOnly ? ['--appendonly', 'yes', '--dir', options.dir ?? '.'] : ['--appendonly', 'no'];
  const args = ['--port', String(port), '--bind', '127.0.0.1', '--save', '', ...persistence, ...(options.args ?? [])];
  const child = spawn(binary, args, { stdio: 'ignore' });
  const cli = findTool('redis-cli') ?? 'redis-cli';
  await waitUntil(
    () => spawnSync(cli, ['-p', String(port), 'ping'], { encoding: 'utf8' }).stdout.trim() === 'PONG',
    'redis-server',
    30_000,
  );
  return { url: `redis://127.0.0.1:${port}`, port, stop: () => stopProcess(child), kill: () => stopProcess(child, 'SIGKILL') };
}

/** Debian's PostgreSQL server binary folders (/usr/lib/postgresql/<version>/bin), newest version first. */
export function postgresBinDirs(): string[] {
  const root = '/usr/lib/postgresql';
  if (!existsSync(root)) return [];
  return readdirSync(root)
    .sort((a, b) => Number(b) - Number(a))
    .map((version) => join(root, version, 'bin'));
}

/**
 * A throwaway PostgreSQL cluster in a temporary folder, on a free port, trusting local connections.
 * As root it runs as the `postgres` user, since PostgreSQL refuses to run as root.
 */
export async function startPostgres(): Promise<RunningService> {
  const binDirs = postgresBinDirs();
  const initdb = findTool('initdb', binDirs);
  const postgres = findTool('postgres', binDirs);
  if (!initdb || !postgres) throw new MissingToolError('initdb/postgres', 'postgresql');
  const dir = mkdtempSync(join(tmpdir(), 'portal-pg-'));
  const asRoot = process.getuid?.() === 0;
  const wrap = (args: string[]): [string, string[]] =>
    asRoot ? ['runuser', ['-u', 'postgres', '--', ...args]] : [args[0]!, args.slice(1)];
  if (asRoot) spawnSync('chown', ['postgres:postgres', dir]);
  const [initCmd, initArgs] = wrap([initdb, '-D', join(dir, 'data'), '-U', 'postgres', '--auth=trust', '--no-sync', '-E', 'UTF8']);
  const init = spawnSync(initCmd, initArgs, { encoding: 'utf8' });
  if (init.status !== 0) throw new Error(`initdb failed: ${init.stderr}`);
  const port = await freePort();
  const [cmd, args] = wrap([
    postgres,
    '-D',
    join(dir, 'data'),
    '-p',
    String(port),
    '-k',
    dir,
    '-c',
    'listen_addresses=127.0.0.1',
    '-c',
    'fsync=off',
  ]);
  const child = spawn(cmd, args, { stdio: 'ignore' });
  const isReady = findTool('pg_isready', binDirs);
  await waitUntil(
    () => (isReady ? spawnSync(isReady, ['-h', '127.0.0.1', '-p', String(port)]).status === 0 : child.exitCode === null),
    'PostgreSQL',
    30_000,
  );
  return {
    url: `postgresql://postgres@127.0.0.1:${port}/postgres`,
    stop: async () => {
      await stopProcess(child);
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
