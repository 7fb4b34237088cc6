import { readdirSync } from 'node:fs';
import { expect, test } from '@playwright/test';
import { REQUIRED_AUTH } from './helpers.ts';

test('in local mode a banner says nobody signs in, and there is no sign-in link', async ({ page }) => {
  await page.goto('/');
  await expect(page.getByTestId('local-mode-banner')).toContainText('everyone on this machine acts as the admin “local”');
  await expect(page.getByRole('link', { name: 'Sign in' })).toHaveCount(0);
});

test.describe('with AUTH=required', () => {
  test.use({ baseURL: REQUIRED_AUTH.url });

  test('signed out, the API refuses a registration with 401 and every page sends you to sign in', async ({ page, request }) => {
    const response = await request.post('/api/documents', { data: 'asyncapi: 3.0.0', headers: { 'Content-Type': 'application/yaml' } });
    expect(response.status()).toBe(401);
    expect((await response.json()) as { error: string }).toHaveProperty('error');
    await page.goto('/channels?q=sensor');
    await expect(page).toHaveURL(/\/login\?next=%2Fchannels%3Fq%3Dsensor$/);
    await expect(page.getByTestId('local-mode-banner')).toHaveCount(0);
    await expect(page.getByRole('heading', { name: 'Sign in' })).toBeVisible();
  });

  test('signed out, every page of the app but /login redirects to sign in', async ({ request }) => {
    const pages = pagePaths();
    expect(pages).toContain('/documents/x/diff');
    for (const path of pages) {
      const response = await request.get(path, { maxRedirects: 0 });
      if (path === '/login') expect(response.status()).toBe(200);
      else expect([path, response.headers()['location']]).toEqual([path, `/login?next=${encodeURIComponent(path)}`]);
    }
  });

  test('signed out, a prefetch or a client-side navigation gets no page data either', async ({ request }) => {
    const variants: Record<string, string>[] = [{ 'next-router-prefetch': '1', rsc: '1' }, { rsc: '1' }, { purpose: 'prefetch' }];
    for (const headers of variants) {
      const response = await request.get('/channels', { headers, maxRedirects: 0 });
      expect(response.status(), JSON.stringify(headers)).toBe(307);
      expect(response.headers()['location']).toMatch(/\/login\?next=%2Fchannels$/);
    }
  });

  test('a wrong password is refused; the right one signs in, returns to the page, and sign-out ends it', async ({ page }) => {
    await page.goto('/login?next=/channels');
    await page.getByLabel('Email').fill(REQUIRED_AUTH.email);
    await page.getByLabel('Password').fill('not the password');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await expect(page.getByRole('alert').filter({ hasText: 'Wrong' })).toHaveText('Wrong email or password.');

    await page.getByLabel('Password').fill(REQUIRED_AUTH.password);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await expect(page).toHaveURL(/\/channels$/);
    const account = page.getByTestId('account-menu');
    // The first admin is named after their email's local part.
    await expect(account.locator('.account-menu__name')).toHaveText('admin');
    await expect(account.locator('.badge')).toHaveText('admin');
    const cookies = await page.context().cookies();
    const session = cookies.find((cookie) => cookie.name.endsWith('session_token'));
    expect(session?.httpOnly).toBe(true);
    expect(session?.sameSite).toBe('Lax');

    await account.getByRole('button', { name: 'Sign out' }).click();
    await expect(page).toHaveURL(/\/login$/);
    await expect(page.getByRole('link', { name: 'Sign in' })).toBeVisible();
  });
});

/** The path of every page.tsx under app/, a dynamic segment as `x` and a route group as nothing. */
function pagePaths(): string[] {
  const files = readdirSync(new URL('../app', import.meta.url), { recursive: true, encoding: 'utf8' });
  return files
    .filter((file) => file === 'page.tsx' || file.endsWith('/page.tsx'))
    .map(
      (file) =>
        `/${file
          .split('/')
          .slice(0, -1)
          .filter((segment) => !segment.startsWith('('))
          .map((segment) => (segment.startsWith('[') ? 'x' : segment))
          .join('/')}`,
    );
}
