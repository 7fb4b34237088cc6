import assert from 'node:assert/strict';
import { test } from 'node:test';
import { coreMessage, groupDiagnostics, type DiagnosticGroup, type LocatedDiagnostic } from './diagnostic-groups.ts';

const RESOLVED = 'asyncapi-document-resolved';

/** A located error: `path` is where its text is, `reported` the path the parser gave (the same by default). */
function error(path: string, message: string, line: number, reported = path, code = RESOLVED): LocatedDiagnostic {
  const split = (p: string): string[] => (p === '' ? [] : p.split('.'));
  return { severity: 'error', code, message, reportedPath: split(reported), path: split(path), line, column: 1 };
}

const summary = (groups: DiagnosticGroup[]): Array<[string, number, string[]]> =>
  groups.map((g) => [
    g.head.path.join('.'),
    g.head.line ?? 0,
    g.cascade.map((c) => `${c.head.path.join('.')}: ${coreMessage(c.head.message)}`),
  ]);

const TYPE = '"type" property must be equal to one of the allowed values: "array", "number". Did you mean "number"?';

test('one problem reached through several paths is one group, headed by the text itself', () => {
  const groups = groupDiagnostics([
    error('c.schemas.Order.type', TYPE, 9, 'channels.a.messages.m.payload.type'),
    error('c.schemas.Order.type', TYPE, 9),
    error('c.schemas.Order.type', TYPE, 9, 'operations.o.channel.messages.m.payload.type'),
    error('c.schemas.Order.type', TYPE, 9, 'channels.a.messages.m.payload.type'),
  ]);
  assert.equal(groups.length, 1);
  assert.deepEqual(
    groups[0]?.paths.map((p) => p.join('.')),
    ['c.schemas.Order.type', 'channels.a.messages.m.payload.type', 'operations.o.channel.messages.m.payload.type'],
  );
  assert.equal(groups[0]?.pathCount, 3);
  assert.deepEqual(groups[0]?.head.reportedPath, groups[0]?.head.path);
});

test('two rules reporting the same problem at the same text are one group, with the fuller message', () => {
  const groups = groupDiagnostics([
    error('m.payload.type', 'must be equal to one of the allowed values', 4, 'm.payload.type', 'asyncapi2-schemas'),
    error('m.payload.type', TYPE, 4),
  ]);
  assert.equal(groups.length, 1);
  assert.equal(groups[0]?.head.message, TYPE);
});

test('different problems at the same text stay apart', () => {
  const groups = groupDiagnostics([
    error('info', '"info" property must have required property "title"', 2),
    error('info', '"info" property must have required property "version"', 2),
    error('info.title', '"title" property type must be string', 3),
  ]);
  assert.equal(groups.length, 3);
  const syntax = groupDiagnostics([error('', 'Duplicate key', 3), error('', 'Duplicate key', 7)]);
  assert.equal(syntax.length, 2, 'the same message at two places is two problems');
});

test('a combinator failure above a specific error is folded under it', () => {
  const groups = groupDiagnostics([
    error('channels.a.messages.m', '"m" property must match exactly one schema in oneOf', 5),
    error('channels.a.messages.m.payload', '"payload" property must match "else" schema', 6),
    error('components.schemas.Order.type', TYPE, 20, 'channels.a.messages.m.payload.type'),
    error('components.schemas.Order', '"Order" property must match "else" schema', 18),
  ]);
  assert.deepEqual(summary(groups), [
    [
      'components.schemas.Order.type',
      20,
      [
        'channels.a.messages.m: must match exactly one schema in oneOf',
        'channels.a.messages.m.payload: must match "else" schema',
        'components.schemas.Order: must match "else" schema',
      ],
    ],
  ]);
});

test('a property "not expected" that encloses a deeper error is folded under it; one that does not stays', () => {
  const groups = groupDiagnostics([
    error('m.payload', 'Property "payload" is not expected to be here', 3),
    error('m.payload.properties.id.type', TYPE, 6),
    error('m.bogus', 'Property "bogus" is not expected to be here', 8),
  ]);
  assert.deepEqual(summary(groups), [
    ['m.payload.properties.id.type', 6, ['m.payload: Property "payload" is not expected to be here']],
    ['m.bogus', 8, []],
  ]);
});

test("a failed alternative's required and unexpected properties go with its combinator under the specific error", () => {
  const groups = groupDiagnostics([
    error('s.apiKey', '"apiKey" property must not be valid', 16),
    error('s.apiKey', '"apiKey" property must have required property "scheme"', 16),
    error('s.apiKey.in', 'Property "in" is not expected to be here', 18),
    error('s.apiKey.in', '"in" property must be equal to one of the allowed values', 18),
    error('s.apiKey.flows', 'Property "flows" is not expected to be here', 19),
  ]);
  assert.equal(groups.length, 1);
  assert.equal(groups[0]?.head.message, '"in" property must be equal to one of the allowed values');
  assert.equal(groups[0]?.cascade.length, 4);
});

test('where nothing specific explains a combinator, a property its alternative did not expect heads it', () => {
  const groups = groupDiagnostics([
    error('channels.a.messages.m', '"m" property must match exactly one schema in oneOf', 5),
    error('channels.a.messages.m', '"m" property must have required property "$ref"', 5),
    error('channels.a.messages.m.bogus', 'Property "bogus" is not expected to be here', 9),
  ]);
  assert.deepEqual(summary(groups), [
    [
      'channels.a.messages.m.bogus',
      9,
      ['channels.a.messages.m: must match exactly one schema in oneOf', 'channels.a.messages.m: must have required property "$ref"'],
    ],
  ]);
});

test('failing that, the failed alternatives go under their combinator', () => {
  const groups = groupDiagnostics([
    error('channels.a.messages.m', '"m" property must match exactly one schema in oneOf', 5),
    error('channels.a.messages.m', '"m" property must have required property "$ref"', 5),
    error('channels.a.messages.m', '"m" property must have required property "payload"', 5),
  ]);
  assert.deepEqual(summary(groups), [
    [
      'channels.a.messages.m',
      5,
      ['channels.a.messages.m: must have required property "$ref"', 'channels.a.messages.m: must have required property "payload"'],
    ],
  ]);
});

test('an error independent of a combinator is not folded, nor are warnings', () => {
  const groups = groupDiagnostics([
    error('', 'Object must have required property "info"', 1),
    error('channels.a', '"a" property must match exactly one schema in oneOf', 4),
    { ...error('channels.b', '"b" property must match exactly one schema in oneOf', 7), severity: 'warning' },
  ]);
  assert.deepEqual(
    groups.map((g) => [g.head.path.join('.'), g.head.severity, g.cascade.length]),
    [
      ['', 'error', 0],
      ['channels.a', 'error', 0],
      ['channels.b', 'warning', 0],
    ],
  );
});

test('the parser subject and the detail are not part of the message that groups', () => {
  assert.equal(coreMessage('"payload" property must match "else" schema'), 'must match "else" schema');
  assert.equal(coreMessage('Item at index 0 must not be valid'), 'must not be valid');
  assert.equal(coreMessage(TYPE), 'must be equal to one of the allowed values');
  assert.equal(coreMessage('Property "x" is not expected to be here'), 'Property "x" is not expected to be here');
});
