import { expect, test, type Page } from '@playwright/test';
import { OIDC_AUTH } from './helpers.ts';

test.use({ baseURL: OIDC_AUTH.url });

/** Goes from the portal's /login?next=… to the provider with the keyboard, and signs in there as `login`. */
async function signInAtProvider(page: Page, login: string, next = '/channels'): Promise<void> {
  await page.goto(`/login?next=${encodeURIComponent(next)}`);
  const button = page.getByRole('button', { name: `Sign in with ${OIDC_AUTH.name}` });
  await button.focus();
  await page.keyboard.press('Enter');
  await expect(page).toHaveURL(new RegExp(`^${OIDC_AUTH.providerUrl}/interaction/`));
  await page.locator('input[name="login"]').fill(login);
  await page.locator('input[name="password"]').fill('any password');
  await page.getByRole('button', { name: 'Sign-in' }).click();
}

test('signing in at the OpenID provider lands back on the page, signed in with the role of the claim', async ({ page }) => {
  await signInAtProvider(page, 'ada');
  await expect(page).toHaveURL(`${OIDC_AUTH.url}/channels`);
  const account = page.getByTestId('account-menu');
  await expect(account.locator('.account-menu__name')).toHaveText('Ada Lovelace');
  await expect(account.locator('.badge')).toHaveText('admin');
  const cookies = await page.context().cookies(OIDC_AUTH.url);
  expect(cookies.find((cookie) => cookie.name.endsWith('session_token'))?.httpOnly).toBe(true);
});

test('an editor value of the claim makes an editor', async ({ page }) => {
  await signInAtProvider(page, 'grace', '/');
  await expect(page).toHaveURL(`${OIDC_AUTH.url}/`);
  await expect(page.getByTestId('account-menu').locator('.badge')).toHaveText('editor');
});

test('cancelling at the provider comes back to /login with its error, keeping the page to return to', async ({ page }) => {
  await page.goto('/login?next=/channels');
  await page.getByRole('button', { name: `Sign in with ${OIDC_AUTH.name}` }).click();
  await expect(page).toHaveURL(new RegExp(`^${OIDC_AUTH.providerUrl}/interaction/`));
  await page.getByRole('link', { name: '[ Cancel ]' }).click();
  await expect(page).toHaveURL(/\/login\?next=%2Fchannels&error=access_denied/);
  await expect(page.getByTestId('provider-error')).toHaveText(
    `Sign-in with ${OIDC_AUTH.name} failed: The sign-in was cancelled or refused at the provider. (access_denied: End-User aborted interaction)`,
  );
  await expect(page.getByRole('button', { name: `Sign in with ${OIDC_AUTH.name}` })).toBeVisible();
});
