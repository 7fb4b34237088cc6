import assert from 'node:assert/strict';
import { test } from 'node:test';
import { compileExpression, EXPRESSION_MAX_CHARS, type ExpressionInput } from './payload-expression.ts';

const row: ExpressionInput = { channel: 'orders.created', payload: { total: 120, items: [1, 2] }, status: 'conforms', receivedAt: 1 };

async function outcome(source: string, input = row) {
  const compiled = compileExpression(source);
  assert.ok(compiled.ok, compiled.ok ? '' : compiled.error);
  return compiled.expression.evaluate(input);
}

test('keeps rows the expression is true for, by JSONata truth', async () => {
  assert.equal((await outcome('payload.total > 100 and $contains(channel, "orders")')).kind, 'match');
  assert.equal((await outcome('payload.total > 200')).kind, 'miss');
  assert.equal((await outcome('status = "conforms"')).kind, 'match');
  assert.equal((await outcome('payload.missing')).kind, 'miss', 'nothing found is false');
  assert.equal((await outcome('payload.items')).kind, 'match', 'a non-empty sequence is true');
  assert.equal((await outcome('document')).kind, 'miss', 'an absent field is false');
});

test('a syntax error, an over-long expression or a regex is refused with a message, never thrown', () => {
  const syntax = compileExpression('payload.(');
  assert.equal(syntax.ok, false);
  assert.match(syntax.ok ? '' : syntax.error, /Expected "\)"/);
  const long = compileExpression(`channel = "${'x'.repeat(EXPRESSION_MAX_CHARS)}"`);
  assert.match(long.ok ? '' : long.error, /longer than 1000 characters/);
  const regex = compileExpression('$contains(channel, /ord(e|r)+s/)');
  assert.match(regex.ok ? '' : regex.error, /Regular expressions are not allowed/);
});

test('an evaluation error is an outcome, not an exception', async () => {
  const result = await outcome('$number("not a number") > 1 or $undefinedFunction()');
  assert.equal(result.kind, 'error');
  assert.equal(result.kind === 'error' && result.budget, false);
});

test('a row that costs more than the budget fails as over budget, in bounded time', async () => {
  const started = Date.now();
  const loop = await outcome('( $f := function($n){ $n <= 0 ? 0 : $f($n - 1) }; $f(1000000) )');
  assert.equal(loop.kind, 'error');
  assert.equal(loop.kind === 'error' && loop.budget, true);
  const big = await outcome('$count([1..5000000]) > 0');
  assert.equal(big.kind === 'error' && big.budget, true, 'a huge sequence is over budget');
  assert.ok(Date.now() - started < 2_000, 'each row is stopped quickly');
});
