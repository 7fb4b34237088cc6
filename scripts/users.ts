/**
 * `npm run users -- <command>`: manages the portal's users on its database (DATABASE_URL, or the PGlite folder
 * PGLITE_DIR), as the Users page does. `npm run users -- --help` lists the commands.
 */
import { parseArgs } from 'node:util';
import type { ZodType } from 'zod';
import { createPortalAuth } from '../lib/auth/auth.ts';
import { sessionSecret } from '../lib/auth/identity.ts';
import type { Actor } from '../lib/auth/roles.ts';
import { createUserDirectory, type PortalUser, type UserDirectory } from '../lib/auth/users.ts';
import { describeBrokerTarget } from '../lib/broker/target.ts';
import { brokerTarget, readEnv, type Env } from '../lib/env.ts';
import { connectRevocationEmitter } from '../lib/live/revocation-emitter.ts';
import { EmailSchema, NameSchema, RoleSchema } from '../lib/validations/users.ts';
import { openDatabase } from '../prisma/db.ts';

const HELP = `Usage: npm run users -- <command> [options]

Commands:
  add --email <email> --role <viewer|editor|admin> [--name <name>]
                      Creates a user and prints a one-time password; they choose their own at first sign-in.
  list                Lists the users with their role, whether they are active, and their last sign-in.
  role --email <email> --role <viewer|editor|admin>
                      Changes a user's role.
  deactivate --email <email>
                      Ends the user's sessions; they cannot sign in until reactivated.
  activate --email <email>
                      Lets a deactivated user sign in again.

It uses the portal's database: DATABASE_URL when set, else the embedded PGlite folder PGLITE_DIR (.data/pglite),
migrated first if needed. The embedded database is one process's: stop the portal first (the command refuses
while a portal answers on HOST:PORT). With DATABASE_URL the portal may keep running.
The last active admin can be neither demoted nor deactivated.`;

/** Who acts through this command, for the checks (and the audit log). */
const CLI_ACTOR: Actor = Object.freeze({ kind: 'local', id: 'cli', name: 'npm run users', role: 'admin' });

/** A mistake in the command line: printed with a pointer to --help, exit code 2. */
class UsageError extends Error {}

type Options = { email?: string; role?: string; name?: string };
type Command = (users: UserDirectory, options: Options) => Promise<string>;

/** The option's value checked by `schema`, as the API checks it. */
function field<T>(schema: ZodType<T>, option: string, value: string | undefined): T {
  if (value === undefined) throw new UsageError(`--${option} is required.`);
  const parsed = schema.safeParse(value);
  if (!parsed.success) throw new UsageError(`--${option}: ${parsed.error.issues.map((issue) => issue.message).join('; ')}`);
  return parsed.data;
}

async function userByEmail(users: UserDirectory, email: string): Promise<PortalUser> {
  const user = await users.find({ email });
  if (!user) throw new Error(`No user has the email ${email}; \`npm run users -- list\` lists them.`);
  return user;
}

const describe = (user: PortalUser): string => `${user.email} (${user.role}${user.active ? '' : ', deactivated'})`;

const COMMANDS: Record<string, Command> = {
  async add(users, options) {
    const email = field(EmailSchema, 'email', options.email);
    const role = field(RoleSchema, 'role', options.role);
    const name = options.name === undefined ? undefined : field(NameSchema, 'name', options.name);
    const { user, password } = await users.invite(CLI_ACTOR, { email, role, ...(name ? { name } : {}) });
    return [
      `Created ${describe(user)}. Their one-time password, shown only now:`,
      '',
      `  ${password}`,
      '',
      'Hand it over safely (in person or a password manager, not plain email); they choose their own at first sign-in.',
    ].join('\n');
  },
  async list(users) {
    const all = await users.list();
    if (all.length === 0) return 'No users yet: `npm run users -- add --email you@example.com --role admin` creates the first admin.';
    const lastSignIn = (at: string | null): string => (at ? `${at.slice(0, 16).replace('T', ' ')}Z` : 'never');
    const rows = all.map((u) => [u.email, u.role, u.active ? 'active' : 'deactivated', lastSignIn(u.lastSignInAt), u.name]);
    const widths = [0, 1, 2, 3].map((column) => Math.max(...rows.map((row) => row[column]?.length ?? 0), 12));
    return [['EMAIL', 'ROLE', 'STATE', 'LAST SIGN-IN', 'NAME'], ...rows]
      .map((row) =>
        row
          .map((cell, i) => cell.padEnd(widths[i] ?? 0))
          .join('  ')
          .trimEnd(),
      )
      .join('\n');
  },
  async role(users, options) {
    const user = await userByEmail(users, field(EmailSchema, 'email', options.email));
    return `Changed ${describe(await users.change(CLI_ACTOR, user.id, { role: field(RoleSchema, 'role', options.role) }))}.`;
  },
  async deactivate(users, options) {
    const user = await userByEmail(users, field(EmailSchema, 'email', options.email));
    return `Deactivated ${describe(await users.change(CLI_ACTOR, user.id, { active: false }))}; their sessions have ended.`;
  },
  async activate(users, options) {
    const user = await userByEmail(users, field(EmailSchema, 'email', options.email));
    return `Reactivated ${describe(await users.change(CLI_ACTOR, user.id, { active: true }))}.`;
  },
};

function parseCommandLine(args: string[]): { command: Command; options: Options } | 'help' {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: { email: { type: 'string' }, role: { type: 'string' }, name: { type: 'string' }, help: { type: 'boolean', short: 'h' } },
  });
  const [name, ...rest] = positionals;
  if (values.help || name === 'help') return 'help';
  if (name === undefined) throw new UsageError('Name a command.');
  const command = Object.hasOwn(COMMANDS, name) ? COMMANDS[name] : undefined;
  if (!command) throw new UsageError(`Unknown command "${name}"; the commands are ${Object.keys(COMMANDS).join(', ')}.`);
  if (rest.length > 0) throw new UsageError(`Unexpected argument "${rest[0]}"; options are given as --email <email>.`);
  return { command, options: values };
}

/** Whether a portal answers on HOST:PORT: then it holds the embedded database, which a second process would corrupt. */
async function portalIsRunning(env: Env): Promise<boolean> {
  const host = ['0.0.0.0', '::', '[::]'].includes(env.HOST) ? '127.0.0.1' : env.HOST.includes(':') ? `[${env.HOST}]` : env.HOST;
  try {
    await fetch(`http://${host}:${env.PORT}/api/health`, { signal: AbortSignal.timeout(1500) });
    return true;
  } catch {
    return false;
  }
}

async function run(args: string[]): Promise<string> {
  const parsed = parseCommandLine(args);
  if (parsed === 'help') return HELP;
  const env = readEnv();
  if (!env.DATABASE_URL && (await portalIsRunning(env))) {
    throw new Error(
      `A portal answers on ${env.HOST}:${env.PORT} and holds the embedded database (${env.PGLITE_DIR}): stop it first, then run this again. ` +
        'With DATABASE_URL (PostgreSQL) the portal may keep running.',
    );
  }
  const database = await openDatabase({ url: env.DATABASE_URL, pgliteDir: env.PGLITE_DIR });
  try {
    const applied = await database.migrate();
    if (applied.length > 0) process.stderr.write(`Applied the migrations ${applied.join(', ')}\n`);
    const auth = createPortalAuth({ db: database.prisma, secret: sessionSecret(env), trustedOrigins: [] });
    // A deactivation closes the user's live sockets on every running portal, through Redis.
    const target = brokerTarget(env);
    const emitter = await connectRevocationEmitter(target, (reason) =>
      process.stderr.write(
        `Redis (${describeBrokerTarget(target)}) is out of reach (${reason}): the deactivated user’s open live tails stay open until they reconnect or their session ends.\n`,
      ),
    );
    try {
      return await parsed.command(createUserDirectory(auth, database.prisma, emitter.revocations), parsed.options);
    } finally {
      await emitter.close();
    }
  } finally {
    await database.close();
  }
}

try {
  process.stdout.write(`${await run(process.argv.slice(2))}\n`);
} catch (error) {
  const usage =
    error instanceof UsageError || (error instanceof TypeError && 'code' in error && String(error.code).startsWith('ERR_PARSE_ARGS'));
  process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n${usage ? 'See `npm run users -- --help`.\n' : ''}`);
  process.exitCode = usage ? 2 : 1;
}
