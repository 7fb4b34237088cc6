import assert from 'node:assert/strict';
import { test } from 'node:test';
import { diagnosticAt, rewriteMessage, sortDiagnostics, summariseErrors } from './diagnostics.ts';
import type { Diagnostic } from './types.ts';

test('rewrites cryptic parser messages into what to change', () => {
  assert.equal(
    rewriteMessage('"info" property must have required property "version"', 'info'),
    '`info` is missing the required property `version`.',
  );
  assert.equal(rewriteMessage('Object must have required property "info"', ''), 'The document is missing the required property `info`.');
  assert.equal(
    rewriteMessage('Property "bogus" is not expected to be here', 'channels.a.bogus'),
    '`channels.a` does not allow the property `bogus`: remove it, or rename it `x-bogus` to keep it as an extension.',
  );
  assert.equal(rewriteMessage('"title" property type must be string', 'info.title'), '`info.title` must be of type string.');
  assert.equal(rewriteMessage('Something else entirely', 'x'), 'Something else entirely');
});

const diagnostic = (severity: Diagnostic['severity'], line: number | null): Diagnostic => ({
  severity,
  message: `${severity}@${line}`,
  path: '',
  line,
  column: 1,
});

test('sorts errors first, then by line with unknown lines last', () => {
  const sorted = sortDiagnostics([
    diagnostic('info', 1),
    diagnostic('error', null),
    diagnostic('warning', 2),
    diagnostic('error', 9),
    diagnostic('error', 3),
  ]);
  assert.deepEqual(
    sorted.map((d) => d.message),
    ['error@3', 'error@9', 'error@null', 'warning@2', 'info@1'],
  );
});

test("summarises one or many errors with the first one's line", () => {
  assert.equal(summariseErrors([{ ...diagnostic('error', 4), message: 'Bad thing.' }]), 'The document has 1 error: Bad thing (line 4).');
  assert.equal(
    summariseErrors([diagnostic('error', 2), diagnostic('error', null)]),
    'The document has 2 errors; the first: error@2 (line 2).',
  );
});

test('locates an offset as a 1-based line and column', () => {
  assert.deepEqual(diagnosticAt('ab\ncd\nef', 7, 'here'), { severity: 'error', message: 'here', path: '', line: 3, column: 2 });
  assert.deepEqual(diagnosticAt('abc', 0, 'start'), { severity: 'error', message: 'start', path: '', line: 1, column: 1 });
});
