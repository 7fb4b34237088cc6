import { expect, test } from '@playwright/test';

// Hostile URLs against the real server: each is a 400 with a JSON error, never Next's bare 500.
test('an API path with a malformed percent-encoding is a 400 with a JSON error', async ({ request }) => {
  const response = await request.get('/api/documents/%E0%A4%A');
  expect(response.status()).toBe(400);
  expect(response.headers()['content-type']).toMatch(/^application\/json/);
  expect((await response.json()).error).toMatch(/malformed percent-encoding/);
});

test('a page path with a malformed percent-encoding is a 400', async ({ request }) => {
  expect((await request.get('/documents/%E0%A4%A')).status()).toBe(400);
});

test('a NUL in the search query or a slug is a 400 with a JSON error that says so', async ({ request }) => {
  for (const path of ['/api/documents?q=%00', '/api/channels?q=%00', '/api/documents/%00']) {
    const response = await request.get(path);
    expect(response.status(), path).toBe(400);
    expect((await response.json()).error, path).toMatch(/contains a NUL character/);
  }
});

test('the catalogue page with a NUL in its search lists the catalogue instead of failing', async ({ page }) => {
  await page.goto('/?q=%00');
  await expect(page.getByRole('heading', { name: 'Catalogue' })).toBeVisible();
  await expect(page.getByText('This page failed to load')).toHaveCount(0);
});
