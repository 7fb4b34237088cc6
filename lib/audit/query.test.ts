import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parseAuditQuery } from './query.ts';

const parse = (search: string) => parseAuditQuery(new URLSearchParams(search));

test('no parameters (or blank ones, as a GET form sends) mean the newest 100 rows', () => {
  assert.deepEqual(parse(''), { limit: 100 });
  assert.deepEqual(parse('actor=&action=&since=&limit='), { limit: 100 });
});

test('each filter is read as the API documents it', () => {
  assert.deepEqual(parse('actor=%20Ada%20&action=user.login.failed&since=2026-12-01&limit=1000&before=42'), {
    actor: 'Ada',
    action: 'user.login.failed',
    since: new Date('2026-12-01T00:00:00Z'),
    before: 42n,
    limit: 1000,
  });
  assert.equal(parse('action=document.').action, 'document.');
  assert.equal(parse('since=2026-12-01T09:30:00%2B01:00').since?.toISOString(), '2026-12-01T08:30:00.000Z');
});

test('hostile or wrong values are 400s that name the parameter', () => {
  const cases: [string, string, RegExp][] = [
    ['limit=0', 'limit', /1 to 1000/],
    ['limit=1001', 'limit', /1 to 1000/],
    ['limit=ten', 'limit', /whole number/],
    ['limit=1e3', 'limit', /whole number/],
    ['before=-1', 'before', /positive integer/],
    ['before=99999999999999999999', 'before', /positive integer/],
    ['before=9223372036854775808', 'before', /positive integer/],
    ['since=yesterday', 'since', /ISO date/],
    ['since=2026-13-45', 'since', /ISO date/],
    ['action=document.delete', 'action', /no audited action.*document\.register/],
    ['action=nothing.', 'action', /no audited action/],
    [`actor=${'a'.repeat(321)}`, 'actor', /at most 320/],
    ['actor=a%00b', 'actor', /NUL/],
  ];
  for (const [search, parameter, message] of cases) {
    assert.throws(() => parse(search), { name: 'AuditQueryError', parameter, message }, search);
  }
});
