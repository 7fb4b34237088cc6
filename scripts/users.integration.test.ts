import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { CLIENT_ADDRESS_HEADER } from '../lib/auth/client-address.ts';
import { openDatabase, type DatabaseOptions } from '../prisma/db.ts';
import { createPostgresDatabase } from '../testing/databases.ts';
import { testIdentity } from '../testing/identity.ts';

// `npm run users` as an operator runs it: a child process on the portal's database, then a sign-in through better-auth.

const ROOT = fileURLToPath(new URL('..', import.meta.url));

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

function users(env: Record<string, string>, ...args: string[]): Promise<Run> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      ['--import', 'tsx', 'scripts/users.ts', ...args],
      { cwd: ROOT, env: { PATH: process.env.PATH ?? '', NODE_ENV: 'test', HOST: '127.0.0.1', ...env }, timeout: 60_000, encoding: 'utf8' },
      (error, stdout, stderr) => resolve({ code: error ? Number(error.code ?? 1) : 0, stdout, stderr }),
    );
  });
}

/** A port nothing listens on, so the command sees no running portal. */
async function closedPort(): Promise<number> {
  const server = createServer().listen(0, '127.0.0.1');
  await new Promise((resolve) => server.once('listening', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

/** Signs in through better-auth's POST /api/auth/sign-in/email on the database the command wrote; returns the status. */
async function signIn(options: DatabaseOptions, email: string, password: string): Promise<number> {
  const database = await openDatabase(options);
  try {
    const { identity } = testIdentity(database.prisma, 'required');
    const response = await identity.handle(
      new Request('http://127.0.0.1:3000/api/auth/sign-in/email', {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', [CLIENT_ADDRESS_HEADER]: '192.0.2.9' },
        body: JSON.stringify({ email, password }),
      }),
    );
    return response.status;
  } finally {
    await database.close();
  }
}

const passwordOf = (run: Run): string =>
  /^ {2}(\S{24})$/m.exec(run.stdout)?.[1] ?? assert.fail(`no password in:\n${run.stdout}${run.stderr}`);

describe('npm run users on PostgreSQL', { skip: process.env.TEST_DATABASE_URL ? false : 'TEST_DATABASE_URL is not set' }, () => {
  const adminUrl = process.env.TEST_DATABASE_URL ?? '';
  let env: Record<string, string>;
  let fresh: Awaited<ReturnType<typeof createPostgresDatabase>>;

  before(async () => {
    fresh = await createPostgresDatabase(adminUrl, 'portal_users_cli');
    env = { DATABASE_URL: fresh.url, PORT: String(await closedPort()) };
  });

  after(() => fresh.drop());

  test('add migrates the empty database and prints a one-time password that signs in', async () => {
    const run = await users(env, 'add', '--email', 'First@Example.com', '--role', 'admin');
    assert.equal(run.code, 0, run.stderr);
    assert.match(run.stdout, /Created first@example\.com \(admin\)/);
    const password = passwordOf(run);
    assert.equal(await signIn({ url: env.DATABASE_URL }, 'first@example.com', password), 200);
    assert.equal(await signIn({ url: env.DATABASE_URL }, 'first@example.com', 'not the password'), 401);
  });

  test('list, role, deactivate and activate act on the same users', async () => {
    const added = await users(env, 'add', '--email', 'ed@example.com', '--role', 'editor', '--name', 'Ed');
    assert.equal(added.code, 0, added.stderr);
    assert.equal((await users(env, 'role', '--email', 'ed@example.com', '--role', 'viewer')).code, 0);
    assert.equal((await users(env, 'deactivate', '--email', 'ed@example.com')).code, 0);
    assert.equal(await signIn({ url: env.DATABASE_URL }, 'ed@example.com', passwordOf(added)), 403);
    const list = await users(env, 'list');
    assert.match(list.stdout, /^ed@example\.com +viewer +deactivated +never +Ed$/m);
    assert.equal((await users(env, 'activate', '--email', 'ed@example.com')).code, 0);
    assert.equal(await signIn({ url: env.DATABASE_URL }, 'ed@example.com', passwordOf(added)), 200);
    assert.match((await users(env, 'list')).stdout, /^ed@example\.com +viewer +active +\d{4}-\d\d-\d\d \d\d:\d\dZ +Ed$/m);
  });

  test('bad arguments and refused changes exit non-zero with a message, and change nothing', async () => {
    const cases: [string[], number, RegExp][] = [
      [[], 2, /Name a command/],
      [['frob'], 2, /Unknown command "frob"/],
      [['add', '--email', 'x@example.com'], 2, /--role is required/],
      [['add', '--email', 'x@example.com', '--role', 'owner'], 2, /--role: role must be one of viewer, editor, admin/],
      [['add', '--email', 'not-an-email', '--role', 'viewer'], 2, /--email: The email is not an email address/],
      [['add', '--email', `${'a'.repeat(250)}@example.com`, '--role', 'viewer'], 2, /longer than 254/],
      [['list', '--colour'], 2, /Unknown option '--colour'/],
      [['add', '--email', 'first@example.com', '--role', 'viewer'], 1, /already has a user/],
      [['deactivate', '--email', 'first@example.com'], 1, /last active admin/],
      [['role', '--email', 'nobody@example.com', '--role', 'admin'], 1, /No user has the email nobody@example\.com/],
    ];
    for (const [args, code, message] of cases) {
      const run = await users(env, ...args);
      assert.equal(run.code, code, `${args.join(' ')}: ${run.stderr}`);
      assert.match(run.stderr, message, args.join(' '));
    }
    const list = await users(env, 'list');
    assert.doesNotMatch(list.stdout, /x@example\.com/);
    assert.match(list.stdout, /^first@example\.com +admin +active/m);
  });

  test('--help prints the commands and exits 0', async () => {
    const run = await users(env, '--help');
    assert.equal(run.code, 0);
    assert.match(run.stdout, /add --email <email> --role <viewer\|editor\|admin>/);
    assert.match(run.stdout, /stop the portal first/);
  });
});

describe('npm run users on the embedded database', () => {
  let dir: string;
  let portal: Server;

  before(async () => {
    dir = await mkdtemp(join(tmpdir(), 'portal-users-'));
    portal = createServer((_request, response) => response.end('{"status":"ok"}')).listen(0, '127.0.0.1');
    await new Promise((resolve) => portal.once('listening', resolve));
  });

  after(async () => {
    await new Promise((resolve) => portal.close(resolve));
    await rm(dir, { recursive: true, force: true });
  });

  test('add writes the PGlite folder the portal opens, and the password signs in there', async () => {
    const pgliteDir = join(dir, 'pglite');
    const run = await users(
      { PGLITE_DIR: pgliteDir, PORT: String(await closedPort()) },
      'add',
      '--email',
      'a@example.com',
      '--role',
      'admin',
    );
    assert.equal(run.code, 0, run.stderr);
    assert.equal(await signIn({ pgliteDir }, 'a@example.com', passwordOf(run)), 200);
  });

  test('while a portal answers on HOST:PORT it refuses to open the folder', async () => {
    const pgliteDir = join(dir, 'held');
    const { port } = portal.address() as AddressInfo;
    const run = await users({ PGLITE_DIR: pgliteDir, PORT: String(port) }, 'add', '--email', 'b@example.com', '--role', 'admin');
    assert.equal(run.code, 1);
    assert.match(run.stderr, /A portal answers on 127\.0\.0\.1:\d+ and holds the embedded database .*stop it first/);
    assert.equal(existsSync(pgliteDir), false, 'the folder was not opened');
  });
});
