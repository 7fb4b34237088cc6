import assert from 'node:assert/strict';
import { test } from 'node:test';
import { checkDocumentStructure, MAX_ALIASES, MAX_DEPTH } from './document-structure.ts';

/** The classic billion-laughs document: ten levels of nine aliases, a few hundred bytes, 9^9 values. */
function aliasBomb(levels = 10): string {
  const lines = ['l0: &l0 ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]'];
  for (let i = 1; i < levels; i++)
    lines.push(
      `l${i}: &l${i} [${Array(9)
        .fill(`*l${i - 1}`)
        .join(',')}]`,
    );
  return lines.join('\n');
}

test('a $ref outside the document is an error at its line, wherever it stands; internal ones pass', () => {
  const raw = [
    'asyncapi: 3.0.0',
    'components:',
    '  schemas:',
    '    Local: { $ref: "#/components/schemas/Other" }',
    '    File: { $ref: "/etc/passwd" }',
    '  messages:',
    '    M:',
    '      examples:',
    "        - payload: { $ref: 'http://127.0.0.1:9/x.json' }",
    '        - payload: { $ref: "../../package.json#/engines" }',
  ].join('\n');
  const errors = checkDocumentStructure(raw);
  assert.deepEqual(
    errors.map((e) => [e.severity, e.path, e.line]),
    [
      ['error', 'components.schemas.File.$ref', 5],
      ['error', 'components.messages.M.examples.0.payload.$ref', 9],
      ['error', 'components.messages.M.examples.1.payload.$ref', 10],
    ],
  );
  assert.match(errors[0]!.message, /refers to "\/etc\/passwd", outside the document: the portal does not read files or fetch URLs/);
});

test('a property named $ref in a schema is not a reference', () => {
  assert.deepEqual(checkDocumentStructure('properties:\n  $ref:\n    type: string\n'), []);
});

test('an alias bomb is refused by its expanded size without expanding it', () => {
  const [error, ...rest] = checkDocumentStructure(aliasBomb());
  assert.equal(rest.length, 0);
  assert.match(error?.message ?? '', /more than 1,000,000 values once its YAML aliases are expanded/);
  assert.deepEqual(checkDocumentStructure(aliasBomb(3)), [], 'a few aliases are fine');
});

test('nesting past the limit is refused, through aliases too; a recursive alias is refused', () => {
  assert.match(
    checkDocumentStructure(`a: ${'['.repeat(MAX_DEPTH + 5)}${']'.repeat(MAX_DEPTH + 5)}`)[0]?.message ?? '',
    /nests more than 100 levels/,
  );
  assert.deepEqual(checkDocumentStructure(`a: ${'['.repeat(MAX_DEPTH - 5)}${']'.repeat(MAX_DEPTH - 5)}`), []);
  const half = Math.ceil(MAX_DEPTH / 2) + 2;
  const viaAlias = `a: &a ${'['.repeat(half)}${']'.repeat(half)}\nb: ${'['.repeat(half)}*a${']'.repeat(half)}`;
  assert.match(checkDocumentStructure(viaAlias)[0]?.message ?? '', /nests more than 100 levels/);
  assert.match(checkDocumentStructure('a: &x [*x]')[0]?.message ?? '', /refers to a value that contains it/);
});

test('more aliases than the limit are refused', () => {
  const raw = `a: &a 1\nb: [${Array(MAX_ALIASES + 1)
    .fill('*a')
    .join(',')}]`;
  assert.match(checkDocumentStructure(raw)[0]?.message ?? '', /more than 10000 YAML aliases/);
});

test('text that is not YAML is left to the parser', () => {
  assert.deepEqual(checkDocumentStructure('a: [unclosed'), []);
});
