import assert from 'node:assert/strict';
import { test } from 'node:test';
import { documentText } from './text-body.ts';

const refusal = (body: Buffer): { message: string; line: number | null; column: number | null } => {
  try {
    documentText(body);
  } catch (error) {
    const { message, diagnostics } = error as { message: string; diagnostics: { line: number | null; column: number | null }[] };
    return { message, line: diagnostics[0]?.line ?? null, column: diagnostics[0]?.column ?? null };
  }
  assert.fail('the body should be refused');
};

test('bytes that are not UTF-8 are refused with their byte offset, line and column', () => {
  const body = Buffer.concat([Buffer.from('asyncapi: 3.0.0\ninfo:\n  title: Caf'), Buffer.from([0xe9]), Buffer.from('\n')]);
  assert.deepEqual(refusal(body), {
    message: 'The document is not valid UTF-8 at byte 34 (line 3, column 13): save it as UTF-8 and send it again.',
    line: 3,
    column: 13,
  });
});

test('a NUL character is refused where it stands, after multi-byte characters', () => {
  assert.match(refusal(Buffer.from('title: 注文\u0000')).message, /contains a NUL character at byte 13 \(line 1, column 10\)/);
});

test('valid UTF-8 passes unchanged, a U+FFFD the sender wrote included', () => {
  const text = 'title: "Caf\u00e9 \uFFFD 注文"\n';
  assert.equal(documentText(Buffer.from(text, 'utf8')), text);
});
