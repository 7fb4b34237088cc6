import { expect, test } from '@playwright/test';
import { uniqueDocument } from './helpers.ts';

test('registers a pasted document through the form and opens it', async ({ page }) => {
  const doc = uniqueDocument();
  await page.goto('/documents/new');
  await page.getByLabel('AsyncAPI document').fill(doc.yaml);
  await page.getByRole('button', { name: 'Register' }).click();
  await expect(page).toHaveURL(new RegExp(`/documents/${doc.slug}`));
  await expect(page.getByRole('heading', { name: doc.title }).first()).toBeVisible();
  await expect(page.getByTestId('asyncapi-render')).toContainText('inventory/{warehouseId}/stock');

  await page.goto('/');
  await expect(page.getByTestId('document-card').filter({ hasText: doc.title })).toBeVisible();
});

test('shows every diagnostic with its line for a broken document and stores nothing', async ({ page, request }) => {
  const doc = uniqueDocument('E2E Broken');
  // Line 10 is the channel's address; make it a list, which the spec forbids.
  const broken = doc.yaml.replace('    address: inventory/{warehouseId}/stock', '    address: [not, a, string]');
  const line = broken.split('\n').findIndex((l) => l.includes('[not, a, string]')) + 1;
  await page.goto('/documents/new');
  await page.getByLabel('AsyncAPI document').fill(broken);
  await page.getByRole('button', { name: 'Register' }).click();
  const diagnostics = page.getByTestId('diagnostics');
  await expect(diagnostics).toBeVisible();
  await expect(diagnostics).toContainText(`line ${line}`);
  await expect(page).toHaveURL(/\/documents\/new/);
  const list = (await (await request.get(`/api/documents?q=${encodeURIComponent(doc.title)}`)).json()) as { documents: unknown[] };
  expect(list.documents).toHaveLength(0);
});

test('says what is wrong with text that is not YAML', async ({ page }) => {
  await page.goto('/documents/new');
  await page.getByLabel('AsyncAPI document').fill('asyncapi: 3.0.0\ninfo: {title: "unclosed\n');
  await page.getByRole('button', { name: 'Register' }).click();
  await expect(page.getByTestId('diagnostics')).toContainText(/line \d+/);
});
