import { expect, test } from '@playwright/test';
import { REQUIRED_AUTH, uniqueDocument } from './helpers.ts';

test.use({ baseURL: REQUIRED_AUTH.url });

test("an admin's forced registration is in the audit log, and the document says who registered it", async ({ page }) => {
  await page.goto('/audit');
  await expect(page).toHaveURL(/\/login\?next=%2Faudit$/);
  await page.getByLabel('Email').fill(REQUIRED_AUTH.email);
  await page.getByLabel('Password').fill(REQUIRED_AUTH.password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page).toHaveURL(/\/audit$/);
  await expect(page.getByRole('heading', { name: 'Audit log' })).toBeVisible();
  // Signing in is itself audited.
  await expect(page.getByTestId('audit-table').getByRole('row').filter({ hasText: 'user.login' }).first()).toContainText('admin');

  const doc = uniqueDocument('E2E Audited');
  const post = (raw: string, query = '') =>
    page.request.post(`/api/documents${query}`, { data: raw, headers: { 'Content-Type': 'application/yaml' } });
  expect((await post(doc.yaml)).status()).toBe(201);
  // 1.1.0 drops onHand from the payload: breaking without a major bump, so only an admin's force stores it.
  const breaking = doc.yaml.replace('version: 1.0.0', 'version: 1.1.0').replace(/\n {12}onHand:\n {14}type: integer/, '');
  expect((await post(breaking)).status()).toBe(409);
  const forced = await post(breaking, '?force=true');
  expect(forced.status(), await forced.text()).toBe(201);

  await page.getByLabel('Action').selectOption('document.register.forced');
  await page.getByRole('button', { name: 'Filter' }).click();
  await expect(page).toHaveURL(/action=document\.register\.forced/);
  const row = page
    .getByTestId('audit-table')
    .getByRole('row')
    .filter({ hasText: `${doc.slug}@1.1.0` });
  await expect(row).toContainText('document.register.forced');
  await expect(row).toContainText('admin');
  await expect(row).toContainText('user');
  await expect(row).toContainText('overriddenChanges: 1');
  // The refused attempt left no row.
  await expect(page.getByTestId('audit-table').getByRole('row').filter({ hasText: doc.slug })).toHaveCount(1);

  await page.goto(`/documents/${doc.slug}?version=1.1.0`);
  await expect(page.getByTestId('registered-by')).toContainText('by admin');
});
