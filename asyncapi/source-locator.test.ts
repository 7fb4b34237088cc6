import assert from 'node:assert/strict';
import { test } from 'node:test';
import { lineOf } from '../testing/examples.ts';
import { createSourceLocator, MAX_REF_HOPS, pointerSegments } from './source-locator.ts';

const at = (raw: string, path: string): { path: string; line: number; column: number; complete: boolean } => {
  const locator = createSourceLocator(raw);
  assert.ok(locator, 'the text is YAML');
  const found = locator.locate(path === '' ? [] : path.split('.'));
  return { ...found, path: found.path.join('.') };
};

const refs = [
  'channels:',
  '  orders:',
  '    messages:',
  "      created: { $ref: '#/components/messages/Created' }",
  'components:',
  '  messages:',
  '    Created:',
  '      payload:',
  "        $ref: '#/components/schemas/Order'",
  '  schemas:',
  '    Order:',
  '      properties:',
  '        total:',
  '          type: numbr',
].join('\n');

test('follows local $refs to the text of the component', () => {
  assert.deepEqual(at(refs, 'channels.orders.messages.created.payload.properties.total.type'), {
    path: 'components.schemas.Order.properties.total.type',
    line: lineOf(refs, 'type: numbr'),
    column: 17,
    complete: true,
  });
});

test('a path ending at a $ref is the reference itself, located as the parser locates it', () => {
  // A collection held by a key is placed just after the key, a scalar at its start, as Spectral does.
  assert.deepEqual(at(refs, 'components.messages.Created.payload'), {
    path: 'components.messages.Created.payload',
    line: lineOf(refs, 'payload:'),
    column: 15,
    complete: true,
  });
  assert.equal(at(refs, 'channels.orders.messages.created.$ref').line, lineOf(refs, 'created: {'));
});

test('a path that does not exist stops at its deepest known place and keeps the rest of the path', () => {
  assert.deepEqual(at(refs, 'channels.orders.messages.created.headers.type'), {
    path: 'components.messages.Created.headers.type',
    line: lineOf(refs, 'Created:'),
    column: 13,
    complete: false,
  });
  assert.deepEqual(at(refs, ''), { path: '', line: 1, column: 1, complete: true });
});

test('follows aliases and merge keys to the anchored text', () => {
  const raw = ['base: &base', '  type: numbr', 'money: &money { minimum: low }', 'a:', '  <<: *base', 'b: *money', 'c: [*money]'].join(
    '\n',
  );
  assert.deepEqual(at(raw, 'b.minimum'), { path: 'money.minimum', line: 3, column: 26, complete: true });
  assert.deepEqual(at(raw, 'c.0.minimum'), { path: 'money.minimum', line: 3, column: 26, complete: true });
  assert.equal(at(raw, 'a.type').line, 2);
});

test('reads each merged map once, however often merges repeat it', () => {
  const levels = ['m0: &m0 { a: 1 }'];
  for (let i = 1; i <= 30; i++)
    levels.push(
      `m${i}: &m${i} { <<: [${Array(6)
        .fill(`*m${i - 1}`)
        .join(', ')}] }`,
    );
  const raw = levels.join('\n');
  assert.equal(at(raw, 'm30.missing').complete, false);
  assert.deepEqual(at(raw, 'm3.a'), { path: 'm0.a', line: 1, column: 14, complete: true });
});

test('reads JSON text, and decodes ~0, ~1 and percent escapes in pointers', () => {
  const raw = '{\n  "a": { "$ref": "#/defs/x~1y/b%20c" },\n  "defs": {\n    "x/y": {\n      "b c": { "type": "strin" }\n    }\n  }\n}';
  assert.deepEqual(at(raw, 'a.type'), { path: 'defs.x/y.b c.type', line: 5, column: 24, complete: true });
  assert.deepEqual(pointerSegments('#/a~0b/c~1d'), ['a~b', 'c/d']);
  assert.equal(pointerSegments('#/%E0%A4%A'), null);
});

test('reads no file or URL: a $ref that is not local is not followed', () => {
  const raw = "a:\n  $ref: 'other.yaml#/b'\nb:\n  type: x\n";
  assert.deepEqual(at(raw, 'a.type'), { path: 'a.type', line: 1, column: 3, complete: false });
});

test('stops at a $ref cycle and after a bounded number of hops', () => {
  const cycle = "a:\n  $ref: '#/b'\nb:\n  $ref: '#/a'\n";
  assert.deepEqual(at(cycle, 'a.type'), { path: 'a.type', line: 1, column: 3, complete: false });
  const chain = Array.from({ length: MAX_REF_HOPS + 5 }, (_, i) => `r${i}: { $ref: '#/r${i + 1}' }`);
  const raw = [...chain, `r${MAX_REF_HOPS + 5}: { type: x }`].join('\n');
  assert.equal(at(raw, 'r0.type').complete, false);
  assert.equal(at(raw, `r${MAX_REF_HOPS - 1}.type`).complete, true);
});

test('a recursive schema is followed along the path as often as the path goes round', () => {
  const raw = "Person:\n  properties:\n    manager: { $ref: '#/Person' }\n    name: { type: strin }\n";
  assert.deepEqual(at(raw, 'Person.properties.manager.properties.manager.properties.name.type'), {
    path: 'Person.properties.name.type',
    line: 4,
    column: 19,
    complete: true,
  });
});

test('text that is not YAML has no locator', () => {
  assert.equal(createSourceLocator('a: [1, 2\nb: }'), null);
});
