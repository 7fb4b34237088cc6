import assert from 'node:assert/strict';
import { test } from 'node:test';
import { slugify } from './slug.ts';

test('lowercases and joins words with dashes', () => {
  assert.equal(slugify('E-commerce Order Events'), 'e-commerce-order-events');
  assert.equal(slugify('  User   Accounts (v2)!  '), 'user-accounts-v2');
});

test('folds accents to ASCII and drops what has no ASCII form', () => {
  assert.equal(slugify('Crème Brûlée Café'), 'creme-brulee-cafe');
  assert.equal(slugify('Ångström ﬁle'), 'angstrom-file');
  assert.equal(slugify('注文 Events'), 'events');
});

test('strips HTML tags and entities', () => {
  assert.equal(slugify('<b>Orders</b> &amp; <i>Payments</i>'), 'orders-and-payments');
  assert.equal(slugify('<script>alert(1)</script>Orders'), 'alert-1-orders');
  assert.equal(slugify('Tom &lt;3 Jerry'), 'tom-3-jerry');
});

test('never returns an empty slug or one over 80 characters', () => {
  for (const title of ['', '   ', '注文イベント', '<br/>', '---']) assert.equal(slugify(title), 'document', JSON.stringify(title));
  const long = slugify('word '.repeat(40));
  assert.ok(long.length <= 80, `${long.length} characters`);
  assert.doesNotMatch(long, /^-|-$/);
  assert.match(long, /^word(-word)+$/);
});
