import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parseCommandLine, UsageError, type CommandLine } from './args.ts';

const parse = (argv: string[], env: Record<string, string> = {}): CommandLine => parseCommandLine(argv, env);
const refused = (argv: string[], message: RegExp, env: Record<string, string> = {}): void =>
  assert.throws(
    () => parse(argv, env),
    (error: unknown) => error instanceof UsageError && message.test(error.message),
  );

test('validate takes files and a format, text by default', () => {
  assert.deepEqual(parse(['validate', 'a.yaml', 'b.json']), { command: 'validate', files: ['a.yaml', 'b.json'], format: 'text' });
  assert.deepEqual(parse(['validate', '--format', 'json', 'a.yaml']), { command: 'validate', files: ['a.yaml'], format: 'json' });
  assert.deepEqual(parse(['validate', '-f', 'json', 'a.yaml']), { command: 'validate', files: ['a.yaml'], format: 'json' });
  refused(['validate'], /at least one file/);
  refused(['validate', 'a.yaml', '--format', 'markdown'], /validate --format is text, json, not "markdown"/);
});

test('diff takes exactly two files, markdown, and a compatibility mode, BACKWARD by default', () => {
  assert.deepEqual(parse(['diff', 'old.yaml', 'new.yaml', '--format=markdown']), {
    command: 'diff',
    oldFile: 'old.yaml',
    newFile: 'new.yaml',
    format: 'markdown',
    mode: 'BACKWARD',
  });
  const modeOf = (argv: string[]): string | undefined => {
    const line = parse(argv);
    return line.command === 'diff' ? line.mode : undefined;
  };
  assert.equal(modeOf(['diff', 'a', 'b', '--mode', 'FULL_TRANSITIVE']), 'FULL_TRANSITIVE');
  assert.equal(modeOf(['diff', 'a', 'b', '-m', 'forward']), 'FORWARD', 'in any case');
  refused(['diff', 'old.yaml'], /exactly two files/);
  refused(['diff', 'a', 'b', 'c'], /exactly two files/);
  refused(['diff', 'a', 'b', '--mode', 'STRICT'], /diff --mode is one of BACKWARD, BACKWARD_TRANSITIVE, FORWARD, .*, NONE, not "STRICT"/);
  refused(['validate', 'a.yaml', '--mode', 'FORWARD'], /validate takes no --mode option/);
});

test('check and register read the portal from options, else from EVENT_PORTAL_URL and EVENT_PORTAL_TOKEN', () => {
  const check = parse(['check', 'a.yaml', '--url', 'https://portal.example.com/events', '--token', 'ept_abc', '--timeout', '5']);
  assert.ok(check.command === 'check');
  assert.equal(check.portal.url.href, 'https://portal.example.com/events/', 'a trailing slash, so api/documents resolves under the prefix');
  assert.equal(check.portal.token, 'ept_abc');
  assert.equal(check.portal.timeoutMs, 5000);

  const register = parse(['register', 'docs/', '-r'], { EVENT_PORTAL_URL: 'http://127.0.0.1:3000', EVENT_PORTAL_TOKEN: 'ept_env' });
  assert.ok(register.command === 'register');
  assert.deepEqual(register.paths, ['docs/']);
  assert.equal(register.recursive, true);
  assert.equal(register.portal.url.href, 'http://127.0.0.1:3000/');
  assert.equal(register.portal.token, 'ept_env');
  assert.equal(register.portal.timeoutMs, 60_000);

  const options = parse(['check', 'a.yaml', '--url', 'http://a:1', '--token', 'ept_flag'], { EVENT_PORTAL_TOKEN: 'ept_env' });
  assert.ok(options.command === 'check');
  assert.equal(options.portal.token, 'ept_flag', 'the option wins over the environment');
  const anonymous = parse(['check', 'a.yaml', '--url', 'http://a:1'], { EVENT_PORTAL_TOKEN: '  ' });
  assert.ok(anonymous.command === 'check');
  assert.equal(anonymous.portal.token, undefined, 'an empty variable is no token');
});

test('the portal options are checked before anything is sent', () => {
  refused(['check', 'a.yaml'], /--url https:\/\/portal\.example\.com, or EVENT_PORTAL_URL/);
  refused(['check', 'a.yaml', '--url', 'portal:3000/x y'], /is not a URL|must be http/);
  refused(['check', 'a.yaml', '--url', 'ftp://portal'], /must be http:\/\/ or https:\/\//);
  refused(['check', 'a.yaml', '--url', 'https://ci:secret@portal'], /must not hold a user or password/);
  refused(['check', 'a.yaml', '--url', 'https://portal/?x=1'], /without "\?" or "#"/);
  refused(['check', 'a.yaml', '--url', 'https://portal', '--token', 'Bearer ept_x'], /without "Bearer"/);
  refused(['check', 'a.yaml', '--url', 'https://portal', '--token', 'ept_x\r\nX-Evil: 1'], /control characters/);
  for (const timeout of ['0', '1.5', 'soon', '3601'])
    refused(['check', 'a.yaml', '--url', 'https://p', '--timeout', timeout], /--timeout is a whole number/);
  refused(['check', 'a.yaml', 'b.yaml', '--url', 'https://p'], /exactly one file/);
});

test('a command refuses the options of others, and unknown commands and options', () => {
  refused(['validate', 'a.yaml', '--url', 'https://p'], /validate takes no --url option/);
  refused(['check', 'a.yaml', '--recursive', '--url', 'https://p'], /check takes no --recursive option/);
  refused(['publish', 'a.yaml'], /Unknown command "publish": the commands are validate, diff, check, register/);
  refused(['validate', '--strict', 'a.yaml'], /Unknown option '--strict'/);
  refused(['help', 'publish'], /no command "publish"/);
});

test('help, for everything or one command', () => {
  assert.deepEqual(parse([]), { command: 'help', topic: undefined });
  assert.deepEqual(parse(['--help']), { command: 'help', topic: undefined });
  assert.deepEqual(parse(['help', 'diff']), { command: 'help', topic: 'diff' });
  assert.deepEqual(parse(['register', '--help']), { command: 'help', topic: 'register' });
});
