import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { openDatabase } from './db.ts';
import { LOCK_FILE, lockPgliteDir } from './pglite-lock.ts';

const dirs: string[] = [];
after(() => dirs.forEach((dir) => rmSync(dir, { recursive: true, force: true })));

function folder(): string {
  const dir = mkdtempSync(join(tmpdir(), 'portal-lock-'));
  dirs.push(dir);
  return dir;
}

test('a second process on the same PGlite folder is refused with what to do, and the folder is left intact', async () => {
  const dir = folder();
  const database = await openDatabase({ pgliteDir: dir });
  await database.migrate();
  try {
    const second = spawnSync(
      process.execPath,
      ['--import', 'tsx', '-e', `await (await import('./prisma/db.ts')).openDatabase({ pgliteDir: ${JSON.stringify(dir)} })`],
      { encoding: 'utf8', timeout: 60_000 },
    );
    assert.notEqual(second.status, 0);
    assert.match(second.stderr, new RegExp(`in use by process ${process.pid} on `));
    assert.match(second.stderr, /run several instances on one PostgreSQL \(DATABASE_URL\)/);
    assert.equal((await database.prisma.document.count()) >= 0, true, 'the first process still reads it');
  } finally {
    await database.close();
  }
  // Closed, the folder is free for the next process.
  const reopened = await openDatabase({ pgliteDir: dir });
  await reopened.close();
});

test('a lock whose process ended (a crash), or that names this very process (a restarted container), is taken over', async () => {
  const dir = folder();
  const child = spawn(process.execPath, ['-e', ''], { stdio: 'ignore' });
  const pid = child.pid ?? 0;
  await new Promise((resolve) => child.once('exit', resolve));
  writeFileSync(join(dir, LOCK_FILE), JSON.stringify({ pid, host: hostname() }));
  const release = lockPgliteDir(dir);
  assert.equal((JSON.parse(readFileSync(join(dir, LOCK_FILE), 'utf8')) as { pid: number }).pid, process.pid);
  lockPgliteDir(dir)();
  release();
  assert.deepEqual(readdirSync(dir), [], 'nothing left behind');
});

test('a lock of a live process is not taken over', () => {
  const dir = folder();
  const holder = spawn(process.execPath, ['-e', 'setTimeout(() => {}, 60_000)'], { stdio: 'ignore' });
  try {
    writeFileSync(join(dir, LOCK_FILE), JSON.stringify({ pid: holder.pid, host: hostname() }));
    assert.throws(
      () => lockPgliteDir(dir),
      (error: Error) => {
        assert.equal(error.name, 'PgliteLockedError');
        assert.match(error.message, new RegExp(`in use by process ${holder.pid} on `));
        return true;
      },
    );
  } finally {
    holder.kill();
  }
});
