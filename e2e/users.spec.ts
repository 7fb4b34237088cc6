import { randomBytes } from 'node:crypto';
import { expect, test, type Page } from '@playwright/test';
import { REQUIRED_AUTH } from './helpers.ts';

test.use({ baseURL: REQUIRED_AUTH.url });

async function signIn(page: Page, email: string, password: string, next = '/users'): Promise<void> {
  await page.goto(`/login?next=${encodeURIComponent(next)}`);
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password').fill(password);
  await page.getByRole('button', { name: 'Sign in' }).click();
}

/** Invites `email` from the Users page, with the keyboard, and returns the one-time password it shows. */
async function invite(page: Page, email: string, role: 'viewer' | 'editor' | 'admin', name: string): Promise<string> {
  const form = page.getByRole('form', { name: 'Invite a user' });
  await form.getByLabel('Email').fill(email);
  await form.getByLabel('Role').selectOption(role);
  await form.getByLabel('Name').fill(name);
  await form.getByLabel('Name').press('Enter');
  const shown = page.getByTestId('one-time-password');
  await expect(shown).toContainText(`${email} is invited`);
  await expect(shown).toContainText('hand it over safely');
  await expect(shown.getByRole('button', { name: 'Copy' })).toBeVisible();
  const password = (await shown.locator('code').textContent()) ?? '';
  expect(password).toMatch(/^[\w-]{24}$/);
  return password;
}

const unique = (prefix: string): string => `${prefix}-${randomBytes(3).toString('hex')}@example.com`;

test('signed out, the Users page sends to sign in and back', async ({ page }) => {
  await page.goto('/users');
  await expect(page).toHaveURL(/\/login\?next=%2Fusers$/);
});

test('an admin invites a viewer, who signs in with the one-time password, chooses their own, and cannot manage users', async ({ page }) => {
  const email = unique('viewer');
  await signIn(page, REQUIRED_AUTH.email, REQUIRED_AUTH.password);
  await expect(page).toHaveURL(/\/users$/);
  const password = await invite(page, email, 'viewer', 'Vic Viewer');
  await page.getByRole('button', { name: 'Done, I have handed it over' }).click();
  const row = page.getByTestId('users-table').getByRole('row').filter({ hasText: email });
  await expect(row).toContainText('Vic Viewer');
  await expect(row).toContainText('one-time password');
  await expect(row.getByLabel(`Role of ${email}`)).toHaveValue('viewer');
  await page.getByTestId('account-menu').getByRole('button', { name: 'Sign out' }).click();
  await expect(page).toHaveURL(/\/login$/);

  await signIn(page, email, password, '/channels');
  await expect(page).toHaveURL(/\/account\?next=%2Fchannels$/);
  await expect(page.getByRole('heading', { name: 'Choose your password' })).toBeVisible();
  // Until they choose it, every other page leads back here, the API refuses them, and they can still sign out.
  await page.goto('/documents/new');
  await expect(page).toHaveURL(/\/account\?next=%2Fdocuments%2Fnew$/);
  await expect(page.getByTestId('account-menu').getByRole('button', { name: 'Sign out' })).toBeVisible();
  const refused = await page.request.get('/api/documents');
  expect(refused.status()).toBe(403);
  expect(((await refused.json()) as { reason: string }).reason).toBe('password-change-required');
  await page.goto('/account?next=%2Fchannels');
  const chosen = 'vic chose this password';
  await page.getByLabel('One-time password').fill(password);
  await page.getByLabel(/^New password/).fill(chosen);
  await page.getByLabel('Repeat the new password').fill(chosen);
  await page.getByRole('button', { name: 'Change password' }).click();
  await expect(page).toHaveURL(/\/channels$/);

  await page.goto('/users');
  await expect(page.getByText('Only admins manage users; you are a viewer.')).toBeVisible();
  await expect(page.getByTestId('users-table')).toHaveCount(0);
  expect((await page.request.get('/api/users')).status()).toBe(403);

  // The one-time password no longer signs in (from the portal's own page, as better-auth requires with a cookie).
  const oneTime = await page.request.post('/api/auth/sign-in/email', { data: { email, password }, headers: { Origin: REQUIRED_AUTH.url } });
  expect(oneTime.status()).toBe(401);
});

test('an admin changes a role and deactivates a user after confirming, but not themselves', async ({ page }) => {
  const email = unique('editor');
  await signIn(page, REQUIRED_AUTH.email, REQUIRED_AUTH.password);
  await invite(page, email, 'editor', 'Ed Editor');
  await page.getByRole('button', { name: 'Done, I have handed it over' }).click();
  const table = page.getByTestId('users-table');
  await expect(table.getByRole('row').filter({ hasText: REQUIRED_AUTH.email })).toContainText('You cannot deactivate yourself');

  const row = table.getByRole('row').filter({ hasText: email });
  await row.getByLabel(`Role of ${email}`).selectOption('viewer');
  await expect(row.getByLabel(`Role of ${email}`)).toHaveValue('viewer');
  await row.getByRole('button', { name: 'Deactivate…' }).click();
  await row.getByRole('button', { name: 'Cancel' }).click();
  await expect(row.getByText('active', { exact: true })).toBeVisible();
  await row.getByRole('button', { name: 'Deactivate…' }).click();
  await row
    .getByRole('group', { name: `Deactivate ${email}` })
    .getByRole('button', { name: 'Deactivate' })
    .click();
  await expect(row.getByText('deactivated', { exact: true })).toBeVisible();

  await page.reload();
  const reloaded = page.getByTestId('users-table').getByRole('row').filter({ hasText: email });
  await expect(reloaded.getByText('deactivated', { exact: true })).toBeVisible();
  await expect(reloaded.getByLabel(`Role of ${email}`)).toHaveValue('viewer');
  await reloaded.getByRole('button', { name: 'Reactivate…' }).click();
  await reloaded.getByRole('button', { name: 'Reactivate', exact: true }).click();
  await expect(reloaded.getByText('active', { exact: true })).toBeVisible();
});
