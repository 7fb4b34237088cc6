import { randomBytes } from 'node:crypto';
import { linkSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { hostname } from 'node:os';
import { join } from 'node:path';

/** The file in a PGlite folder that names the process holding it. */
export const LOCK_FILE = 'event-portal.lock';

/** A second process asked for a PGlite folder another one holds: PGlite is one process's database. */
export class PgliteLockedError extends Error {
  override readonly name = 'PgliteLockedError' as const;
  constructor(dir: string, holder: string) {
    super(
      `The embedded database ${dir} is in use by ${holder}: PGlite serves one process, and a second would corrupt it. ` +
        'Stop that portal first, or run several instances on one PostgreSQL (DATABASE_URL). ' +
        `If no portal runs, delete ${join(dir, LOCK_FILE)}.`,
    );
  }
}

interface Holder {
  pid: number;
  host: string;
}

/**
 * Whether the process named by a lock still runs here; one on another host (a shared folder) is taken to. A lock
 * naming this very process is stale: a container restarted after a crash has the same pid and host.
 */
function alive(holder: Holder): boolean {
  if (holder.host !== hostname()) return true;
  if (holder.pid === process.pid) return false;
  try {
    process.kill(holder.pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function readHolder(path: string): Holder | null {
  try {
    const parsed = JSON.parse(readFileSync(path, 'utf8')) as Partial<Holder>;
    return typeof parsed.pid === 'number' && typeof parsed.host === 'string' ? { pid: parsed.pid, host: parsed.host } : null;
  } catch {
    return null;
  }
}

/**
 * Takes the folder `dir` for this process, or throws `PgliteLockedError` naming the process that holds it. The lock
 * appears whole or not at all (written aside, then hard-linked into place, which fails if one exists), so no process
 * reads a half-written one. A lock left by a process that ended (a crash, a kill -9) is renamed away before the next
 * attempt: of two processes taking it over at once, one renames it and the other finds it gone, and then only one
 * link succeeds. Returns the release, which removes the lock.
 * @example const release = lockPgliteDir('.data/pglite'); … release();
 */
export function lockPgliteDir(dir: string): () => void {
  const path = join(dir, LOCK_FILE);
  const mine = join(dir, `${LOCK_FILE}.${process.pid}.${randomBytes(4).toString('hex')}`);
  writeFileSync(mine, JSON.stringify({ pid: process.pid, host: hostname(), since: new Date().toISOString() }));
  try {
    for (let attempt = 0; attempt < 3; attempt++) {
      try {
        linkSync(mine, path);
        return () => {
          if (readHolder(path)?.pid === process.pid) rmSync(path, { force: true });
        };
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
        const holder = readHolder(path);
        if (holder && alive(holder)) throw new PgliteLockedError(dir, `process ${holder.pid} on ${holder.host}`);
        const stale = `${path}.stale.${randomBytes(4).toString('hex')}`;
        try {
          renameSync(path, stale);
          rmSync(stale, { force: true });
        } catch (renameError) {
          if ((renameError as NodeJS.ErrnoException).code !== 'ENOENT') throw renameError;
        }
      }
    }
    throw new PgliteLockedError(dir, 'another process that took it at the same moment');
  } finally {
    rmSync(mine, { force: true });
  }
}
