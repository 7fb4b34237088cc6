import { randomBytes } from 'node:crypto';
import { expect, test, type Page } from '@playwright/test';
import { REQUIRED_AUTH } from './helpers.ts';

test.use({ baseURL: REQUIRED_AUTH.url });

/** Signs in as the first admin on the sign-in page the browser is on. */
async function signIn(page: Page): Promise<void> {
  await page.getByLabel('Email').fill(REQUIRED_AUTH.email);
  await page.getByLabel('Password').fill(REQUIRED_AUTH.password);
  await page.getByRole('button', { name: 'Sign in' }).click();
}

test('an admin creates a token on /tokens, sees it once, uses it, revokes it, and then it is refused', async ({ page, request }) => {
  await page.goto('/tokens');
  await expect(page).toHaveURL(/\/login\?next=%2Ftokens$/);
  await signIn(page);
  await expect(page).toHaveURL(/\/tokens$/);

  const name = `e2e-ci-${randomBytes(3).toString('hex')}`;
  await page.getByLabel('Name').fill(name);
  await expect(page.getByLabel('Role').locator('option')).toHaveText(['viewer', 'editor', 'admin']);
  await page.getByLabel('Role').selectOption('editor');
  await page.getByLabel('Name').press('Enter');
  const notice = page.getByTestId('new-token');
  await expect(notice).toContainText(`Token “${name}” created.`);
  await expect(notice).toContainText('shown only this once');
  const token = await notice.getByLabel('The new token').inputValue();
  expect(token).toMatch(/^ept_[A-Za-z0-9_-]{43}$/);
  const row = page.getByTestId('token-table').getByRole('row').filter({ hasText: name });
  await expect(row).toContainText(token.slice(0, 8));

  await page.reload();
  await expect(page.getByTestId('new-token')).toHaveCount(0);
  expect(await page.content()).not.toContain(token);

  const auth = { Authorization: `Bearer ${token}` };
  expect((await request.get('/api/documents')).status()).toBe(401);
  expect((await request.get('/api/documents', { headers: auth })).status()).toBe(200);
  const published = await request.post(`/topics/e2e-tokens/${name}`, { data: 'ping', headers: auth });
  expect(published.status(), await published.text()).toBe(200);

  await row.getByRole('button', { name: `Revoke ${name}` }).click();
  await page.getByRole('button', { name: 'Revoke token' }).click();
  await expect(row).toContainText('revoked');

  const refused = await request.get('/api/documents', { headers: auth });
  expect(refused.status()).toBe(401);
  expect(((await refused.json()) as { reason: string }).reason).toBe('revoked');
});

test('the live tail connects with the session cookie, and sends you to sign in without one', async ({ page }) => {
  await page.goto('/live');
  await expect(page).toHaveURL(/\/login\?next=%2Flive$/);
  await signIn(page);
  await expect(page).toHaveURL(/\/live$/);
  await expect(page.getByText('Connected', { exact: true })).toBeVisible();
});
