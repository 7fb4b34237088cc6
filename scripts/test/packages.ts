import { spawnSync } from 'node:child_process';
import { findTool, postgresBinDirs } from '../../testing/services.ts';

/** What the suite runs besides Node, by the Debian package that provides it. */
export type Requirement = 'redis-server' | 'postgresql' | 'chromium' | 'haproxy';

const PRESENT: Record<Requirement, () => boolean> = {
  'redis-server': () => findTool('redis-server') !== null,
  postgresql: () => findTool('initdb', postgresBinDirs()) !== null,
  // Playwright launches exactly this browser (playwright.config.ts), so the check and the launch agree.
  chromium: () => (process.env.CHROMIUM_PATH ? true : findTool('chromium') !== null),
  // The load balancer in front of several instances (e2e/scale.spec.ts).
  haproxy: () => findTool('haproxy', ['/usr/sbin']) !== null,
};

export class MissingPackagesError extends Error {
  override readonly name = 'MissingPackagesError';
}

function sh(command: string, args: string[]): void {
  process.stdout.write(`$ ${[command, ...args].join(' ')}\n`);
  const result = spawnSync(command, args, { stdio: 'inherit', env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' } });
  if (result.status !== 0) throw new MissingPackagesError(`${command} ${args.join(' ')} failed (exit code ${result.status ?? 'none'})`);
}

/**
 * Installs the missing ones of `needs` with apt-get when this user may (root, or passwordless sudo);
 * otherwise throws with the one command to run.
 * @example ensurePackages(['redis-server', 'postgresql']);
 */
export function ensurePackages(needs: Requirement[]): void {
  const missing = [...new Set(needs)].filter((need) => !PRESENT[need]());
  if (missing.length === 0) return;
  const install = ['install', '-y', '--no-install-recommends', ...missing];
  const asRoot = process.getuid?.() === 0;
  const sudo = !asRoot && spawnSync('sudo', ['-n', 'true']).status === 0;
  if (!findTool('apt-get') || (!asRoot && !sudo)) {
    throw new MissingPackagesError(
      `The tests need ${missing.join(', ')}, which this machine lacks. Install them with:\n` +
        `  sudo sh -c 'apt-get update && apt-get ${install.join(' ')}'\n` +
        'or, without apt-get, install Redis, PostgreSQL and Chromium (or set CHROMIUM_PATH to a Chromium or Chrome binary).',
    );
  }
  process.stdout.write(`installing Debian packages the tests need: ${missing.join(' ')}\n`);
  const apt = (args: string[]): void => (asRoot ? sh('apt-get', args) : sh('sudo', ['-n', 'apt-get', ...args]));
  apt(['update']);
  apt(install);
}
