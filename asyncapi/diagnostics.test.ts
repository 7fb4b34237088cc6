import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Diagnostic as ParserDiagnostic } from '@asyncapi/parser';
import { diagnosticAt, rewriteMessage, sortDiagnostics, summariseErrors, toDiagnostics } from './diagnostics.ts';
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
  assert.equal(
    rewriteMessage('"in" property must be equal to one of the allowed values', 'a.in'),
    '`a.in` must be one of the allowed values.',
  );
  assert.equal(
    rewriteMessage('"location" property must match pattern "^\\$message"', 'r.location'),
    '`r.location` must match the pattern `^\\$message`.',
  );
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

/** A parser diagnostic the parser could not place (line 1, column 1), as it reports errors reached through a `$ref`. */
const unplaced = (path: string, message: string): ParserDiagnostic => ({
  code: 'asyncapi-document-resolved',
  message,
  path: path.split('.'),
  severity: 0,
  range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
});

test('places errors reached through $refs at the text, once, with the paths that reached it', () => {
  const raw = [
    'channels:',
    ...Array.from({ length: 15 }, (_, i) => `  c${i}: { $ref: '#/components/schemas/S' }`),
    'components:',
    '  schemas:',
    '    S:',
    '      type: numbr',
  ].join('\n');
  const typo = '"type" property must be equal to one of the allowed values: "number". Did you mean "number"?';
  const [only, ...rest] = toDiagnostics(
    Array.from({ length: 15 }, (_, i) => unplaced(`channels.c${i}.type`, typo)),
    raw,
  );
  assert.equal(rest.length, 0);
  assert.deepEqual([only?.path, only?.line, only?.column], ['components.schemas.S.type', 20, 13]);
  assert.equal(only?.alsoReachedThrough?.length, 10, 'at most 10 paths are listed');
  assert.equal(
    only?.message,
    '`components.schemas.S.type` must be one of the allowed values: "number". Did you mean "number"? (also reached through `channels.c0.type`, `channels.c1.type` and 13 more).',
  );
});

test('folds the combinator failures a wrong type causes under it, at most 20 of them', () => {
  const channels = Array.from({ length: 25 }, (_, i) => `  a${i}: { payload: { $ref: '#/components/schemas/S' } }`);
  const raw = ['channels:', ...channels, 'components:', '  schemas:', '    S:', '      type: numbr'].join('\n');
  const reported = Array.from({ length: 25 }, (_, i) => [
    unplaced(`channels.a${i}`, `"a${i}" property must match exactly one schema in oneOf`),
    unplaced(`channels.a${i}.payload.type`, '"type" property must be equal to one of the allowed values: "number"'),
  ]);
  const [root, ...rest] = toDiagnostics(reported.flat(), raw);
  assert.deepEqual(rest, []);
  assert.deepEqual([root?.path, root?.line], ['components.schemas.S.type', 30]);
  assert.equal(root?.cascade?.length, 20);
  assert.deepEqual([root?.cascade?.[0]?.path, root?.cascade?.[0]?.line], ['channels.a0', 2]);
});

test("without the raw text, diagnostics keep the parser's places", () => {
  const [d] = toDiagnostics([unplaced('channels.a.payload.type', 'x')]);
  assert.deepEqual(
    [d?.path, d?.line, d?.column, d?.alsoReachedThrough, d?.cascade],
    ['channels.a.payload.type', 1, 1, undefined, undefined],
  );
});
