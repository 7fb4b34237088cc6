import assert from 'node:assert/strict';
import { test } from 'node:test';
import { diagnosticLine, diagnosticLines, plural, printable, table } from './text.ts';

test('printable turns control characters, escape sequences included, into spaces and keeps the rest', () => {
  assert.equal(printable('a\nb\r\tc\u001b[31mred\u009b'), 'a b  c [31mred ');
  assert.equal(printable('Crème brûlée 注文 🎉'), 'Crème brûlée 注文 🎉');
});

test('a diagnostic prints as file:line:column: severity: message, at 1:1 without a location', () => {
  const at = { severity: 'error' as const, message: 'bad\nvalue', path: 'info', line: 4, column: 7 };
  assert.equal(diagnosticLine('docs/orders.yaml', at), 'docs/orders.yaml:4:7: error: bad value');
  assert.equal(diagnosticLine('a.yaml', { ...at, severity: 'warning', line: null, column: null }), 'a.yaml:1:1: warning: bad value');
  const all = [at, { ...at, severity: 'info' as const }, { ...at, severity: 'hint' as const }, { ...at, severity: 'warning' as const }];
  assert.deepEqual(diagnosticLines('a.yaml', all), ['a.yaml:4:7: error: bad value', 'a.yaml:4:7: warning: bad value']);
});

test('plural counts', () => {
  assert.equal(plural(1, 'file'), '1 file');
  assert.equal(plural(0, 'file'), '0 files');
  assert.equal(plural(2, 'breaking change'), '2 breaking changes');
});

test('a table pads every column but the last to its widest cell', () => {
  assert.equal(
    table(
      ['FILE', 'VERSION', 'OUTCOME'],
      [
        ['a.yaml', '1.0.0', 'created'],
        ['longer-name.yaml', '10.0.0-rc.1', 'refused: no'],
      ],
    ),
    ['FILE              VERSION      OUTCOME', 'a.yaml            1.0.0        created', 'longer-name.yaml  10.0.0-rc.1  refused: no'].join(
      '\n',
    ),
  );
});
