import { parseArgs } from 'node:util';
import { COMPATIBILITY_MODES, DEFAULT_COMPATIBILITY, type CompatibilityMode } from '../../asyncapi/compatibility.ts';

export type OutputFormat = 'text' | 'json' | 'markdown';

/** Where the portal is, and how to ask it. */
export interface PortalOptions {
  /** The portal's base URL, ending in `/` so that `api/documents` resolves under any path prefix. */
  url: URL;
  /** An API token (`ept_…`), sent as `Authorization: Bearer`; none under `AUTH=local` or anonymous read. */
  token: string | undefined;
  timeoutMs: number;
}

export type CommandLine =
  | { command: 'help'; topic: CommandName | undefined }
  | { command: 'validate'; files: string[]; format: 'text' | 'json' }
  | { command: 'diff'; oldFile: string; newFile: string; format: OutputFormat; mode: CompatibilityMode }
  | { command: 'check'; file: string; portal: PortalOptions; format: 'text' | 'json' }
  | { command: 'register'; paths: string[]; recursive: boolean; portal: PortalOptions; format: 'text' | 'json' };

export type CommandName = Exclude<CommandLine['command'], 'help'>;

/** A mistake in the command line: printed with a pointer to --help, exit code 2. */
export class UsageError extends Error {}

const OPTIONS = {
  format: { type: 'string', short: 'f' },
  mode: { type: 'string', short: 'm' },
  url: { type: 'string' },
  token: { type: 'string' },
  timeout: { type: 'string' },
  recursive: { type: 'boolean', short: 'r' },
  help: { type: 'boolean', short: 'h' },
} as const;

type OptionName = keyof typeof OPTIONS;

/** The options each command takes, and the formats it prints. */
const COMMANDS: Record<CommandName, { options: OptionName[]; formats: OutputFormat[] }> = {
  validate: { options: ['format'], formats: ['text', 'json'] },
  diff: { options: ['format', 'mode'], formats: ['text', 'json', 'markdown'] },
  check: { options: ['format', 'url', 'token', 'timeout'], formats: ['text', 'json'] },
  register: { options: ['format', 'url', 'token', 'timeout', 'recursive'], formats: ['text', 'json'] },
};

const DEFAULT_TIMEOUT_SECONDS = 60;
const MAX_TIMEOUT_SECONDS = 3600;

/**
 * Reads the command line (without `node` and the script): the command, its operands and options, checked.
 * The portal's URL and token fall back to `EVENT_PORTAL_URL` and `EVENT_PORTAL_TOKEN` in `env`.
 * @example parseCommandLine(['diff', 'old.yaml', 'new.yaml', '--format', 'markdown'], {})
 * @throws UsageError for an unknown command or option, a missing operand or an unusable value.
 */
export function parseCommandLine(argv: readonly string[], env: Readonly<Record<string, string | undefined>>): CommandLine {
  const { values, positionals } = readArgs(argv);
  const [name, ...operands] = positionals;
  if (name === undefined || name === 'help') return { command: 'help', topic: name === 'help' ? helpTopic(operands[0]) : undefined };
  if (!isCommand(name)) throw new UsageError(`Unknown command "${name}": the commands are ${Object.keys(COMMANDS).join(', ')}.`);
  if (values.help) return { command: 'help', topic: name };
  const rules = COMMANDS[name];
  const stray = (Object.keys(values) as OptionName[]).find((option) => !rules.options.includes(option));
  if (stray) throw new UsageError(`${name} takes no --${stray} option.`);
  const format = outputFormat(values.format, rules.formats, name);
  switch (name) {
    case 'validate':
      return { command: name, files: atLeastOne(operands, 'validate needs at least one file'), format: textOrJson(format) };
    case 'diff': {
      const [oldFile, newFile, ...extra] = operands;
      if (oldFile === undefined || newFile === undefined || extra.length > 0)
        throw new UsageError('diff needs exactly two files: the old version, then the new one.');
      return { command: name, oldFile, newFile, format, mode: compatibilityMode(values.mode) };
    }
    case 'check': {
      if (operands.length !== 1) throw new UsageError('check needs exactly one file.');
      return { command: name, file: operands[0] ?? '', portal: portalOptions(values, env), format: textOrJson(format) };
    }
    case 'register':
      return {
        command: name,
        paths: atLeastOne(operands, 'register needs files or a directory'),
        recursive: values.recursive ?? false,
        portal: portalOptions(values, env),
        format: textOrJson(format),
      };
  }
}

type Values = { [K in OptionName]?: (typeof OPTIONS)[K]['type'] extends 'boolean' ? boolean : string };

function readArgs(argv: readonly string[]): { values: Values; positionals: string[] } {
  try {
    return parseArgs({ args: [...argv], options: OPTIONS, allowPositionals: true, strict: true });
  } catch (error) {
    // parseArgs says what is wrong ("Unknown option '--x'"), with its own advice about `--`.
    throw new UsageError(error instanceof Error ? error.message : String(error));
  }
}

const isCommand = (name: string): name is CommandName => Object.hasOwn(COMMANDS, name);

function helpTopic(name: string | undefined): CommandName | undefined {
  if (name === undefined || isCommand(name)) return name;
  throw new UsageError(`There is no command "${name}" to explain: the commands are ${Object.keys(COMMANDS).join(', ')}.`);
}

function atLeastOne(operands: string[], message: string): string[] {
  if (operands.length === 0) throw new UsageError(`${message}.`);
  return operands;
}

function outputFormat(value: string | undefined, allowed: OutputFormat[], command: CommandName): OutputFormat {
  if (value === undefined) return 'text';
  const format = allowed.find((f) => f === value);
  if (!format) throw new UsageError(`${command} --format is ${allowed.join(', ')}, not "${value}".`);
  return format;
}

/** `--mode`: a compatibility mode by its Confluent Schema Registry name, in any case. */
function compatibilityMode(value: string | undefined): CompatibilityMode {
  if (value === undefined) return DEFAULT_COMPATIBILITY;
  const mode = COMPATIBILITY_MODES.find((m) => m === value.toUpperCase());
  if (!mode) throw new UsageError(`diff --mode is one of ${COMPATIBILITY_MODES.join(', ')}, not "${value}".`);
  return mode;
}

// Only diff prints markdown, and outputFormat refused it for the others already.
const textOrJson = (format: OutputFormat): 'text' | 'json' => (format === 'json' ? 'json' : 'text');

function portalOptions(values: Values, env: Readonly<Record<string, string | undefined>>): PortalOptions {
  const url = values.url ?? nonEmpty(env.EVENT_PORTAL_URL);
  if (url === undefined) throw new UsageError('Say where the portal is: --url https://portal.example.com, or EVENT_PORTAL_URL.');
  const token = values.token ?? nonEmpty(env.EVENT_PORTAL_TOKEN);
  if (token !== undefined && !isHeaderToken(token))
    throw new UsageError('The token has spaces or control characters: pass the token text alone (ept_…), without "Bearer".');
  return { url: portalUrl(url), token, timeoutMs: timeoutSeconds(values.timeout) * 1000 };
}

const nonEmpty = (value: string | undefined): string | undefined => (value === undefined || value.trim() === '' ? undefined : value.trim());

// Printable ASCII without spaces, which is every token the portal makes and all an HTTP header can carry unquoted.
const isHeaderToken = (token: string): boolean => [...token].every((c) => c > ' ' && c <= '~');

function portalUrl(text: string): URL {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    throw new UsageError(`--url ${JSON.stringify(text)} is not a URL: write it as https://portal.example.com.`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:')
    throw new UsageError(`--url must be http:// or https://, not ${url.protocol}.`);
  if (url.username || url.password) throw new UsageError('--url must not hold a user or password: pass the API token with --token.');
  if (url.search || url.hash) throw new UsageError('--url is the portal\'s address, without "?" or "#".');
  if (!url.pathname.endsWith('/')) url.pathname += '/';
  return url;
}

function timeoutSeconds(text: string | undefined): number {
  if (text === undefined) return DEFAULT_TIMEOUT_SECONDS;
  const seconds = Number(text);
  if (!Number.isInteger(seconds) || seconds < 1 || seconds > MAX_TIMEOUT_SECONDS)
    throw new UsageError(`--timeout is a whole number of seconds from 1 to ${MAX_TIMEOUT_SECONDS}, not "${text}".`);
  return seconds;
}
