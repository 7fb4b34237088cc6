import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { findTool, freePort, MissingToolError } from './services.ts';
import { waitUntil } from './wait.ts';

export interface RunningHaproxy {
  url: string;
  stop(): Promise<void>;
}

/** A backend instance: its name (the sticky cookie's value) and port on 127.0.0.1. */
export interface HaproxyBackend {
  name: string;
  port: number;
}

/**
 * HAProxy from Debian in front of `backends`, with the README's configuration (deploy/haproxy.cfg) on a free port:
 * what a team puts before several portal instances.
 * @example const lb = await startHaproxy([{ name: 'portal-a', port: 3001 }, { name: 'portal-b', port: 3002 }]);
 */
export async function startHaproxy(backends: HaproxyBackend[]): Promise<RunningHaproxy> {
  const binary = findTool('haproxy', ['/usr/sbin']);
  if (!binary) throw new MissingToolError('haproxy', 'haproxy');
  const port = await freePort();
  const shipped = readFileSync(join(import.meta.dirname, '..', 'deploy', 'haproxy.cfg'), 'utf8');
  const servers = backends.map((b) => `  server ${b.name} 127.0.0.1:${b.port} cookie ${b.name}`).join('\n');
  const config = shipped.replace(/^ {2}bind :8080$/m, `  bind 127.0.0.1:${port}`).replace(/(^ {2}server .*\n?)+/m, `${servers}\n`);
  const dir = mkdtempSync(join(tmpdir(), 'portal-haproxy-'));
  const file = join(dir, 'haproxy.cfg');
  writeFileSync(file, config);
  const child = spawn(binary, ['-db', '-f', file], { stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const url = `http://127.0.0.1:${port}`;
  await waitUntil(
    async () => {
      if (child.exitCode !== null) throw new Error(`haproxy exited: ${stderr}`);
      return (await fetch(`${url}/api/health`).catch(() => null))?.ok === true;
    },
    'HAProxy to reach a portal',
    30_000,
  );
  return {
    url,
    stop: () =>
      new Promise((resolve) => {
        const done = () => {
          rmSync(dir, { recursive: true, force: true });
          resolve();
        };
        if (child.exitCode !== null) return done();
        child.once('exit', done);
        child.kill('SIGTERM');
      }),
  };
}
