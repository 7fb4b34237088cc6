import assert from 'node:assert/strict';
import { test } from 'node:test';
import { searchTerm } from './search-term.ts';

test("a page's search term is trimmed, and blank is no search", () => {
  assert.equal(searchTerm('  orders '), 'orders');
  assert.equal(searchTerm(['a', 'b']), 'a');
  assert.equal(searchTerm('   '), undefined);
  assert.equal(searchTerm(undefined), undefined);
});

test('a NUL in ?q= is dropped, so /?q=%00 lists the catalogue instead of failing the page', () => {
  assert.equal(searchTerm('\u0000'), undefined);
  assert.equal(searchTerm('sen\u0000sor'), 'sensor');
});
