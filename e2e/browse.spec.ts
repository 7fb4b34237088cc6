import { expect, test } from '@playwright/test';
import { registerDocument, seedExamples, uniqueDocument } from './helpers.ts';

seedExamples('ecommerce-orders.yaml', 'versions/ecommerce-orders-1.1.0.yaml', 'greenhouse-sensors.yaml');

test('search finds a document by a payload property and shows the match', async ({ page }) => {
  await page.goto('/');
  const search = page.getByRole('searchbox', { name: 'Search the catalogue' });
  await search.fill('sku');
  await search.press('Enter');
  await expect(page).toHaveURL(/\?q=sku/);
  const card = page.getByTestId('document-card').filter({ hasText: 'E-commerce Order Events' });
  await expect(card).toBeVisible();
  await expect(card.locator('mark').first()).toHaveText(/sku/i);
  await expect(page.getByTestId('document-card').filter({ hasText: 'Greenhouse' })).toHaveCount(0);
});

test('a search with no match says so', async ({ page }) => {
  await page.goto('/?q=no-such-thing-anywhere');
  await expect(page.getByText(/no documents match/i)).toBeVisible();
});

test('opens a rendered document and switches between its versions', async ({ page }) => {
  await page.goto('/documents/e-commerce-order-events');
  const render = page.getByTestId('asyncapi-render');
  await expect(render).toContainText('orderCancelled');
  const version = page.getByRole('combobox', { name: 'Version' });
  await expect(version).toHaveValue('1.1.0');
  await version.selectOption('1.0.0');
  await expect(page).toHaveURL(/version=1\.0\.0/);
  await expect(render).toContainText('orderCreated');
  await expect(render).not.toContainText('orderCancelled');
  const download = page.getByRole('link', { name: /download/i });
  await expect(download).toHaveAttribute('href', /versions\/1\.0\.0\?format=raw/);
});

test('HTML in a document shows as text and never runs', async ({ page, request }) => {
  const doc = uniqueDocument('E2E Hostile');
  const hostileTitle = `${doc.title} <img src=x onerror="window.__pwned=1">`;
  const raw = doc.yaml
    .replace(`title: ${doc.title}`, `title: '${hostileTitle}'`)
    .replace('description: Stock levels per warehouse.', `description: '<img src=x onerror="window.__pwned=2"> Stock levels.'`);
  await registerDocument(request, raw);
  await page.goto(`/?q=${encodeURIComponent(doc.title)}`);
  await expect(page.getByTestId('document-card').first()).toContainText('<img src=x onerror="window.__pwned=1">');
  await page.getByRole('link', { name: hostileTitle }).first().click();
  // The AsyncAPI renderer has drawn the document (its description is Markdown, so HTML in it reaches the DOM sanitised).
  await expect(page.getByTestId('asyncapi-render')).toContainText('Stock levels.');
  await page.waitForLoadState('networkidle');
  await expect(page.locator('[onerror]')).toHaveCount(0);
  expect(await page.evaluate(() => (window as unknown as { __pwned?: number }).__pwned)).toBeUndefined();
});

test('the channels page lists channels across the catalogue', async ({ page }) => {
  await page.goto('/channels');
  await expect(page.getByText('greenhouse/{zone}/sensor/{sensorId}/reading').first()).toBeVisible();
  await expect(page.getByText('orderCreated').first()).toBeVisible();
});
