import assert from 'node:assert/strict';
import { mkdtemp, rm, truncate, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { MAX_DOCUMENT_BYTES } from '../asyncapi/limits.ts';
import { runCli } from '../testing/cli.ts';

// validate and diff end to end, in a child process on the fixture files, as a pipeline runs them.
const FIXTURES = 'lib/cli/fixtures';
const VALID = `${FIXTURES}/orders-1.0.0.yaml`;
const INVALID = `${FIXTURES}/invalid.yaml`;
const BREAKING = `${FIXTURES}/orders-1.1.0-breaking.yaml`;
const COMPATIBLE = `${FIXTURES}/orders-1.1.0-compatible.yaml`;
/** Drops the optional `sku`: breaking read from old to new, not when the new payloads are read back as the old. */
const SKU_REMOVED = `${FIXTURES}/orders-1.1.0-sku-removed.yaml`;
/** Makes `orderId` optional: breaking only when the new payloads, which may lack it, are read back as the old. */
const ORDER_ID_OPTIONAL = `${FIXTURES}/orders-1.1.0-order-id-optional.yaml`;

let scratch: string;
before(async () => (scratch = await mkdtemp(join(tmpdir(), 'event-portal-cli-'))));
after(() => rm(scratch, { recursive: true, force: true }));

test('validate: valid files print a summary and exit 0; through the bin shim too', async () => {
  const run = await runCli(['validate', VALID, COMPATIBLE], { bin: true });
  assert.deepEqual(run, { code: 0, stdout: '2 files checked: 2 valid.\n', stderr: '' });
});

test('validate: each error at its file:line:column, unreadable files at 1:1, a summary, exit 1', async () => {
  const huge = join(scratch, 'huge.yaml');
  await writeFile(huge, '');
  await truncate(huge, MAX_DOCUMENT_BYTES + 1);
  const run = await runCli(['validate', VALID, INVALID, FIXTURES, join(scratch, 'missing.yaml'), huge]);
  assert.equal(run.code, 1);
  const lines = run.stdout.trimEnd().split('\n');
  assert.ok(
    lines.some((line) =>
      /^lib\/cli\/fixtures\/invalid\.yaml:17:21: error: `channels\.orderCreated\.messages\.OrderCreated\.payload\.properties\.sku\.type` must be one of the allowed values/.test(
        line,
      ),
    ),
    run.stdout,
  );
  assert.ok(
    lines.includes(
      `${FIXTURES}:1:1: error: ${FIXTURES} is a directory: name the files in it (register takes a directory, validate and check take files).`,
    ),
  );
  assert.ok(lines.includes(`${join(scratch, 'missing.yaml')}:1:1: error: ${join(scratch, 'missing.yaml')} does not exist.`));
  assert.ok(
    lines.some((line) =>
      line.startsWith(`${huge}:1:1: error: The file is ${MAX_DOCUMENT_BYTES + 1} bytes; the portal takes documents of at most`),
    ),
  );
  assert.ok(!lines.some((line) => line.startsWith(VALID)), 'a valid file without warnings prints nothing but the count');
  assert.match(lines.at(-1) ?? '', /^5 files checked: 1 valid, 4 invalid \(\d+ errors\)\.$/);
});

test('validate --format json: an array of { file, valid, diagnostics }', async () => {
  const run = await runCli(['validate', '--format', 'json', VALID, INVALID]);
  assert.equal(run.code, 1);
  const results = JSON.parse(run.stdout) as { file: string; valid: boolean; diagnostics: { severity: string; line: number | null }[] }[];
  assert.deepEqual(
    results.map((r) => [r.file, r.valid, r.diagnostics.some((d) => d.severity === 'error')]),
    [
      [VALID, true, false],
      [INVALID, false, true],
    ],
  );
  assert.ok(results[1]?.diagnostics.some((d) => d.severity === 'error' && d.line === 17));
});

test('diff: breaking changes are listed with their paths and exit 1', async () => {
  const run = await runCli(['diff', VALID, BREAKING]);
  assert.equal(run.code, 1, run.stderr);
  assert.deepEqual(run.stdout.split('\n'), [
    'CLI Fixture Orders 1.0.0 → 1.1.0 under BACKWARD: 2 breaking, 0 unclassified, 1 non-breaking',
    '',
    'Breaking (2):',
    '  - OrderCreated payload "orderId": type changed from string to integer  at /channels/orderCreated/messages/OrderCreated/payload/properties/orderId/type',
    '  - OrderCreated payload "sku": property removed  at /channels/orderCreated/messages/OrderCreated/payload/properties/sku',
    '',
    'Non-breaking (1):',
    '  - Changed info › version from "1.0.0" to "1.1.0"  at /info/version',
    '',
    '2 breaking changes under BACKWARD without a major version bump (1.0.0 → 1.1.0): bump the major version of info.version.',
    '',
  ]);
});

test('diff --mode FORWARD: removing an optional property passes, though it breaks under BACKWARD', async () => {
  const backward = await runCli(['diff', VALID, SKU_REMOVED]);
  assert.equal(backward.code, 1, backward.stderr);
  assert.match(backward.stdout, /^Breaking \(1\):\n {2}- OrderCreated payload "sku": property removed {2}at /m);
  const forward = await runCli(['diff', VALID, SKU_REMOVED, '--mode', 'FORWARD']);
  assert.equal(forward.code, 0, forward.stderr);
  assert.match(forward.stdout, /^CLI Fixture Orders 1\.0\.0 → 1\.1\.0 under FORWARD: 0 breaking, 0 unclassified, 2 non-breaking$/m);
  assert.match(forward.stdout, /^Non-breaking \(2\):\n {2}- OrderCreated payload "sku": property removed {2}at /m);
  assert.match(forward.stdout, /^No breaking changes under FORWARD\.$/m);
});

test('diff --mode FORWARD: making a property optional breaks, though it passes under BACKWARD; NONE never exits 1', async () => {
  const backward = await runCli(['diff', VALID, ORDER_ID_OPTIONAL, '--mode', 'BACKWARD']);
  assert.equal(backward.code, 0, backward.stderr);
  const forward = await runCli(['diff', VALID, ORDER_ID_OPTIONAL, '--mode', 'FORWARD', '--format', 'json']);
  assert.equal(forward.code, 1, forward.stderr);
  const report = JSON.parse(forward.stdout) as { mode: string; changes: { type: string; description: string; direction?: string }[] };
  assert.equal(report.mode, 'FORWARD');
  assert.deepEqual(
    report.changes.filter((c) => c.type === 'breaking'),
    [
      {
        type: 'breaking',
        kind: 'edit',
        path: '/channels/orderCreated/messages/OrderCreated/payload/properties/orderId',
        description: 'Read from the new version back to 1.0.0: OrderCreated payload "orderId": property is now required',
        direction: 'forward',
      },
    ],
  );
  const markdown = await runCli(['diff', VALID, ORDER_ID_OPTIONAL, '--mode', 'FULL_TRANSITIVE', '--format', 'markdown']);
  assert.equal(markdown.code, 1);
  assert.ok(markdown.stdout.includes('❌ **1 breaking change under FULL\\_TRANSITIVE, which no version bump allows'), markdown.stdout);
  assert.match(markdown.stdout, /compared by <code>event-portal diff<\/code> under FULL_TRANSITIVE<\/sub>/);
  const none = await runCli(['diff', VALID, BREAKING, '--mode', 'NONE']);
  assert.equal(none.code, 0, none.stderr);
  assert.match(none.stdout, /under NONE: 0 breaking, 0 unclassified, 3 non-breaking/);
});

test('diff: only non-breaking changes exit 0; --format markdown is a pull-request comment', async () => {
  const run = await runCli(['diff', VALID, COMPATIBLE, '--format', 'markdown']);
  assert.equal(run.code, 0, run.stderr);
  const lines = run.stdout.split('\n');
  assert.equal(lines[0], '### CLI Fixture Orders: 1.0.0 → 1.1.0');
  assert.ok(lines.includes('✅ **No breaking changes under BACKWARD.**'));
  assert.ok(
    lines.includes(
      '| non-breaking | OrderCreated payload "note": new optional property | `/channels/orderCreated/messages/OrderCreated/payload/properties/note` |',
    ),
    run.stdout,
  );
});

test('diff --format json, and an invalid side exits 2 with its diagnostics', async () => {
  const json = await runCli(['diff', '--format', 'json', VALID, BREAKING]);
  assert.equal(json.code, 1);
  const report = JSON.parse(json.stdout) as {
    summary: { breaking: number };
    old: { version: string };
    new: { file: string };
    majorBump: boolean;
    mode: string;
  };
  assert.deepEqual(
    [report.summary.breaking, report.old.version, report.new.file, report.majorBump, report.mode],
    [2, '1.0.0', BREAKING, false, 'BACKWARD'],
  );

  const invalid = await runCli(['diff', VALID, INVALID]);
  assert.equal(invalid.code, 2);
  assert.equal(invalid.stdout, '');
  assert.match(invalid.stderr, /^lib\/cli\/fixtures\/invalid\.yaml:17:21: error: /m);
  assert.match(invalid.stderr, /invalid\.yaml is invalid: nothing was compared\.$/m);
});

test('usage errors exit 2 and point at --help; --help exits 0', async () => {
  const wrong = await runCli(['diff', VALID]);
  assert.deepEqual(wrong, {
    code: 2,
    stdout: '',
    stderr:
      'event-portal: diff needs exactly two files: the old version, then the new one.\nRun event-portal --help for the commands and their options.\n',
  });
  const nothing = await runCli([]);
  assert.equal(nothing.code, 2);
  assert.match(nothing.stderr, /^Usage:/);
  const help = await runCli(['--help']);
  assert.equal(help.code, 0);
  assert.match(help.stdout, /Exit codes: 0 ok; 1 invalid, breaking or refused; 2 usage error/);
});
