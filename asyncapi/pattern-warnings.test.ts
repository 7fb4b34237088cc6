import assert from 'node:assert/strict';
import { test } from 'node:test';
import { patternWarnings } from './pattern-warnings.ts';
import { validateDocument } from './validate.ts';

const DOCUMENT = `asyncapi: 3.0.0
info: { title: Lookahead Events, version: 1.0.0 }
channels:
  orders:
    address: orders
    messages:
      Order:
        payload:
          type: object
          properties:
            id: { type: string, pattern: '^(?!tmp-)[a-z-]+$' }
            code: { type: string, pattern: '^[A-Z]{3}$' }
          examples:
            - { id: ord-1, code: ABC, pattern: '(?=not a schema)' }
`;

test('a pattern the linear-time engine cannot run is a warning at its line; the document is still valid', async () => {
  const result = await validateDocument(DOCUMENT);
  assert.ok(result.valid);
  const warnings = result.warnings.filter((w) => w.message.includes('linear time'));
  assert.deepEqual(
    warnings.map(({ severity, path, line }) => ({ severity, path, line })),
    [{ severity: 'warning', path: 'channels.orders.messages.Order.payload.properties.id.pattern', line: 11 }],
  );
  assert.match(warnings[0]?.message ?? '', /^The pattern "\^\(\?!tmp-\)\[a-z-\]\+\$" uses a lookahead, which the portal cannot run/);
});

test('patternProperties keys are checked, shared nodes once, and ordinary patterns pass', () => {
  const shared = { type: 'string', pattern: '(a)\\1' };
  const root = { a: shared, b: shared, c: { patternProperties: { '^(?<=x)': {}, '^x-': {} } }, d: { pattern: '^\\d+$' } };
  const warnings = patternWarnings(root, () => undefined);
  assert.deepEqual(warnings.map((w) => w.path).sort(), ['a.pattern', 'c.patternProperties.^(?<=x)']);
  assert.equal(warnings[0]?.line, null);
});
