import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { LoadedDocument } from './load-document.ts';
import { planRegistration } from './register-plan.ts';

function valid(file: string, title: string, version: string): LoadedDocument {
  const document = {
    asyncapiVersion: '3.0.0',
    title,
    version,
    description: null,
    tags: [],
    protocols: [],
    servers: [],
    channels: [],
    operations: [],
    messages: [],
  };
  return { file, valid: true, text: `${title} ${version}`, document, resolved: {}, diagnostics: [] };
}

test('versions are grouped by the slug of their title and ordered by SemVer precedence, documents by slug', () => {
  const plan = planRegistration([
    valid('c.yaml', 'Orders', '1.10.0'),
    valid('z.yaml', 'Billing', '2.0.0'),
    valid('a.yaml', 'Orders', '1.2.0'),
    valid('b.yaml', 'orders', '1.2.0-rc.1'),
    valid('d.yaml', 'Orders', 'v1.0.0'),
  ]);
  assert.deepEqual(
    plan.documents.map((versions) => versions.map((v) => `${v.slug} ${v.version} ${v.file}`)),
    [['billing 2.0.0 z.yaml'], ['orders v1.0.0 d.yaml', 'orders 1.2.0-rc.1 b.yaml', 'orders 1.2.0 a.yaml', 'orders 1.10.0 c.yaml']],
  );
  assert.deepEqual(plan.invalid, []);
});

test('invalid files are kept aside, not planned', () => {
  const broken: LoadedDocument = { file: 'broken.yaml', valid: false, error: 'no', diagnostics: [] };
  const plan = planRegistration([broken, valid('a.yaml', 'Orders', '1.0.0')]);
  assert.equal(plan.documents.length, 1);
  assert.deepEqual(plan.invalid, [broken]);
});
