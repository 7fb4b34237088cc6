/**
 * `npm start`: builds the app when the build is missing or older than the sources, then runs server.ts.
 * So `npm install && npm start` works on a fresh clone and after every pull.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

const SOURCES = [
  'app',
  'components',
  'lib',
  'asyncapi',
  'prisma/schema.prisma',
  'proxy.ts',
  'next.config.js',
  'package-lock.json',
  'tsconfig.json',
];
const BUILD_MARKER = '.next/BUILD_ID';

function newestMtime(path: string): number {
  if (!existsSync(path)) return 0;
  const stat = statSync(path);
  if (!stat.isDirectory()) return stat.mtimeMs;
  return readdirSync(path)
    .filter((name) => name !== 'node_modules' && name !== 'generated')
    .reduce((max, name) => Math.max(max, newestMtime(join(path, name))), stat.mtimeMs);
}

function run(command: string, args: string[]): void {
  const result = spawnSync(command, args, { stdio: 'inherit' });
  if (result.status !== 0) process.exit(result.status ?? 1);
}

const built = existsSync(BUILD_MARKER) ? statSync(BUILD_MARKER).mtimeMs : 0;
if (!existsSync('prisma/generated/client.ts') || Math.max(...SOURCES.map(newestMtime)) > built) {
  process.stderr.write('[portal] building the app (first start or changed sources)…\n');
  run('npm', ['run', 'build']);
}
await import('../server.ts');
