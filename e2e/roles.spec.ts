import { expect, test, type APIRequestContext, type Browser, type Page } from '@playwright/test';
import { randomBytes } from 'node:crypto';
import { breakingVersion, REQUIRED_AUTH, uniqueDocument } from './helpers.ts';

// With AUTH=required the pages offer only what the visitor's role may do, and say why on what they withhold.

test.use({ baseURL: REQUIRED_AUTH.url });

const ORIGIN = { Origin: REQUIRED_AUTH.url };

/** Signs `request` (a page's, sharing its cookies) in with email and password. */
async function signIn(request: APIRequestContext, email: string, password: string): Promise<void> {
  const response = await request.post('/api/auth/sign-in/email', { data: { email, password }, headers: ORIGIN });
  expect(response.status(), await response.text()).toBe(200);
}

/**
 * A page in a browser context of its own, signed in as a new user of `role` whom the first admin invited, who has
 * chosen their own password (until then the portal lets them do nothing else).
 */
async function pageOf(browser: Browser, role: 'viewer' | 'editor'): Promise<Page> {
  const admin = await browser.newContext({ baseURL: REQUIRED_AUTH.url });
  await signIn(admin.request, REQUIRED_AUTH.email, REQUIRED_AUTH.password);
  const email = `${role}-${randomBytes(3).toString('hex')}@example.com`;
  const invited = await admin.request.post('/api/users', { data: { email, role }, headers: ORIGIN });
  expect(invited.status(), await invited.text()).toBe(201);
  const { password } = (await invited.json()) as { password: string };
  await admin.close();
  const context = await browser.newContext({ baseURL: REQUIRED_AUTH.url });
  await signIn(context.request, email, password);
  const changed = await context.request.post('/api/auth/change-password', {
    data: { currentPassword: password, newPassword: `${password}-own` },
    headers: ORIGIN,
  });
  expect(changed.status(), await changed.text()).toBe(200);
  return context.newPage();
}

test('a viewer is offered no registration, publishing or status change, and is told why', async ({ browser }) => {
  const page = await pageOf(browser, 'viewer');
  await page.goto('/');
  const nav = page.getByRole('navigation', { name: 'Main' });
  await expect(nav.getByRole('link', { name: 'Catalogue' })).toBeVisible();
  await expect(nav.getByRole('link', { name: 'Register' })).toHaveCount(0);
  for (const name of ['Publish', 'Tokens', 'Users', 'Audit']) await expect(nav.getByRole('link', { name })).toHaveCount(0);

  await page.goto('/documents/new');
  await expect(page.getByTestId('permission-note')).toHaveText('Only editors and admins may register versions; you are a viewer.');
  await expect(page.getByRole('button', { name: 'Register' })).toHaveCount(0);

  await page.goto('/live');
  await expect(page.getByTestId('permission-note')).toHaveText('Only editors and admins may publish test events; you are a viewer.');

  await page.goto('/documents/event-portal-live-tail');
  const status = page.getByLabel('Status');
  await expect(status).toBeDisabled();
  await expect(status).toHaveAttribute('title', 'Only editors and admins may change a version’s status; you are a viewer.');
  await page.context().close();
});

test('an editor registers, but may neither force a breaking version nor retire one', async ({ browser }) => {
  const page = await pageOf(browser, 'editor');
  const doc = uniqueDocument('E2E Roles');
  const first = await page.request.post('/api/documents', { data: doc.yaml, headers: { ...ORIGIN, 'Content-Type': 'application/yaml' } });
  expect(first.status(), await first.text()).toBe(201);

  await page.goto('/documents/new');
  const nav = page.getByRole('navigation', { name: 'Main' });
  await expect(nav.getByRole('link', { name: 'Tokens' })).toBeVisible();
  for (const name of ['Users', 'Audit']) await expect(nav.getByRole('link', { name })).toHaveCount(0);
  await page.getByLabel('AsyncAPI document').fill(breakingVersion(doc.yaml, '1.1.0'));
  await page.getByRole('button', { name: 'Register' }).click();
  await expect(page.getByRole('complementary', { name: 'Registration result' }).getByRole('alert')).toContainText('2 breaking changes');
  const override = page.getByLabel('Register despite breaking changes');
  await expect(override).toBeDisabled();
  await expect(page.getByTestId('permission-note')).toHaveText('Only admins may register despite breaking changes; you are an editor.');
  const forced = await page.request.post('/api/documents?force=true', {
    data: breakingVersion(doc.yaml, '1.1.0'),
    headers: { ...ORIGIN, 'Content-Type': 'application/yaml' },
  });
  expect([forced.status(), ((await forced.json()) as { required?: string }).required]).toEqual([403, 'admin']);

  await page.goto(`/documents/${doc.slug}`);
  const status = page.getByLabel('Status');
  await expect(status).toBeEnabled();
  await expect(status.locator('option[value="retired"]')).toBeDisabled();
  await expect(status.locator('option[value="deprecated"]')).toBeEnabled();
  await page.context().close();
});
