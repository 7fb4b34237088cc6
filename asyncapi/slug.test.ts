import assert from 'node:assert/strict';
import { test } from 'node:test';
import { normaliseTitle, slugify } from './slug.ts';

test('lowercases and joins words with dashes', () => {
  assert.equal(slugify('E-commerce Order Events'), 'e-commerce-order-events');
  assert.equal(slugify('  User   Accounts (v2)!  '), 'user-accounts-v2');
  assert.equal(slugify('Document'), 'document');
});

test('folds accents to ASCII and drops what has no ASCII form', () => {
  assert.equal(slugify('Crème Brûlée Café'), 'creme-brulee-cafe');
  assert.equal(slugify('Ångström ﬁle'), 'angstrom-file');
});

test('a title with letters ASCII cannot spell keeps its ASCII words and gets a hash, so such titles do not collide', () => {
  assert.match(slugify('注文 Events'), /^events-[0-9a-f]{10}$/);
  assert.notEqual(slugify('注文 API'), slugify('在庫 API'));
  assert.notEqual(slugify('Заказы 2024'), slugify('Склад 2024'));
  assert.equal(slugify('注文 API'), slugify(' 注文  api '));
  const long = slugify(`${'word '.repeat(40)}注文`);
  assert.ok(long.length <= 80, `${long.length} characters`);
  assert.match(long, /^word(-word)+-[0-9a-f]{10}$/);
});

test('strips HTML tags and entities', () => {
  assert.equal(slugify('<b>Orders</b> &amp; <i>Payments</i>'), 'orders-and-payments');
  assert.equal(slugify('<script>alert(1)</script>Orders'), 'alert-1-orders');
  assert.equal(slugify('Tom &lt;3 Jerry'), 'tom-3-jerry');
});

test('never returns an empty slug or one over 80 characters', () => {
  for (const title of ['', '   ', '注文イベント', '<br/>', '---'])
    assert.match(slugify(title), /^doc-[0-9a-f]{10}$/, JSON.stringify(title));
  const long = slugify('word '.repeat(40));
  assert.ok(long.length <= 80, `${long.length} characters`);
  assert.doesNotMatch(long, /^-|-$/);
  assert.match(long, /^word(-word)+$/);
});

test('a title with no ASCII letter or digit gets a stable slug of its own', () => {
  // Pinned: URLs and stored documents depend on these never changing.
  assert.equal(slugify('Заказы'), 'doc-c359203e8d');
  assert.equal(slugify('注文'), 'doc-266125ddb9');
  assert.notEqual(slugify('注文イベント'), slugify('注文'));
});

test('titles that differ only in case, spacing or Unicode form share a slug', () => {
  assert.equal(slugify(' заказы\t'), slugify('Заказы'));
  assert.equal(slugify('ＺＡＫＡＺ'), slugify('zakaz'));
  assert.equal(slugify('注文'.normalize('NFD')), slugify('注文'));
});

test('long titles that share their first 80 characters share a slug (the catalogue refuses the second title)', () => {
  const stem = 'Events of the warehouse management system for the northern distribution centre in Rotterdam';
  assert.equal(slugify(`${stem} (inbound)`), slugify(`${stem} (outbound)`));
});

test('normaliseTitle ignores case, surrounding and repeated whitespace and compatibility forms', () => {
  assert.equal(normaliseTitle('  Order\t Events\n'), 'order events');
  assert.equal(normaliseTitle('ＯＲＤＥＲＳ'), 'orders');
  assert.notEqual(normaliseTitle('Order-Events'), normaliseTitle('Order Events'));
});
