import assert from 'node:assert/strict';
import { test } from 'node:test';
import { formatRegistration, type RegisterRow } from './register-format.ts';
import type { PortalVerdict } from './portal-answer.ts';
import { formatCheck } from './verdict-format.ts';

const CHANGE = { type: 'breaking' as const, kind: 'remove' as const, path: '/channels/a', description: 'Removed channels › a' };
const row = (overrides: Partial<RegisterRow>): RegisterRow => ({
  file: 'a.yaml',
  document: 'orders',
  version: '1.0.0',
  outcome: 'created',
  reason: null,
  breakingChanges: [],
  diagnostics: [],
  ...overrides,
});

test('the registration table, each refusal in detail, and a summary', () => {
  const text = formatRegistration(
    [
      row({ httpStatus: 201 }),
      row({
        file: 'b.yaml',
        version: '1.1.0',
        outcome: 'refused',
        httpStatus: 409,
        reason: 'Version 1.1.0 breaks.',
        latestVersion: '1.0.0',
        breakingChanges: [CHANGE],
      }),
      row({ file: 'c.yaml', version: '1.2.0', outcome: 'skipped', reason: 'not sent, as 1.1.0 was refused' }),
      row({
        file: 'd.yaml',
        document: null,
        version: null,
        outcome: 'invalid',
        reason: 'Bad.',
        diagnostics: [{ severity: 'error', message: 'bad', path: '', line: 3, column: 1 }],
      }),
      row({ file: 'e.yaml', document: 'x\u001b[2J', outcome: 'refused', httpStatus: 401, reason: 'Sign in.' }),
    ],
    { token: false },
  );
  assert.equal(
    text,
    [
      'FILE    DOCUMENT  VERSION  OUTCOME',
      'a.yaml  orders    1.0.0    created',
      'b.yaml  orders    1.1.0    refused: Version 1.1.0 breaks.',
      'c.yaml  orders    1.2.0    skipped: not sent, as 1.1.0 was refused',
      'd.yaml  -         -        invalid: Bad.',
      'e.yaml  x [2J     1.0.0    refused: Sign in.',
      '',
      'b.yaml: refused (HTTP 409): Version 1.1.0 breaks.',
      '  1 breaking change against 1.0.0:',
      '  - Removed channels › a  at /channels/a',
      '',
      'd.yaml: invalid: Bad.',
      '  d.yaml:3:1: error: bad',
      '',
      'e.yaml: refused (HTTP 401): Sign in.',
      '  Pass an API token: --token, or EVENT_PORTAL_TOKEN.',
      '',
      '5 files: 1 created, 2 refused, 1 invalid, 1 skipped.',
      '',
    ].join('\n'),
  );
});

test('a long reason is cut in the table and whole in the details', () => {
  const reason = `${'x'.repeat(150)}.`;
  const [header, line, , detail] = formatRegistration([row({ outcome: 'refused', httpStatus: 409, reason })], { token: true }).split('\n');
  assert.ok(header?.startsWith('FILE'));
  assert.ok(line?.endsWith(`refused: ${'x'.repeat(99)}…`), line);
  assert.equal(detail, `a.yaml: refused (HTTP 409): ${reason}`);
});

test('check says what the portal would do, or why not', () => {
  const accepted = {
    kind: 'accepted',
    httpStatus: 200,
    status: 'created',
    slug: 'orders',
    version: '1.1.0',
    forced: false,
    dryRun: true,
  } as const;
  const warning = { severity: 'warning' as const, message: 'slow pattern', path: '', line: 9, column: 3 };
  assert.equal(
    formatCheck('o.yaml', { ...accepted, warnings: [warning] }, { token: true }),
    'o.yaml: accepted: the portal would register orders 1.1.0 as a new version. Nothing was stored (dry run).\n  o.yaml:9:3: warning: slow pattern\n',
  );
  assert.equal(
    formatCheck('o.yaml', { ...accepted, status: 'unchanged', warnings: [] }, { token: true }),
    'o.yaml: accepted: orders 1.1.0 is registered already, with this content. Nothing was stored (dry run).\n',
  );
  const refused: PortalVerdict = {
    kind: 'refused',
    httpStatus: 409,
    error: 'Breaks.',
    latestVersion: '1.0.0',
    breakingChanges: [CHANGE],
    diagnostics: [],
  };
  assert.equal(
    formatCheck('o.yaml', refused, { token: true }),
    'o.yaml: refused (HTTP 409): Breaks.\n  1 breaking change against 1.0.0:\n  - Removed channels › a  at /channels/a\n',
  );
  assert.equal(
    formatCheck('o.yaml', { kind: 'failed', httpStatus: 503, error: 'The portal failed: down' }, { token: true }),
    'o.yaml: no verdict (HTTP 503): The portal failed: down\n',
  );
});
