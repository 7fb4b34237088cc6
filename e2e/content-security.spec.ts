import { expect, test, type Page } from '@playwright/test';
import { registerDocument, uniqueDocument } from './helpers.ts';

/** Records CSP violations and console errors from the first script on, whatever the page does later. */
async function watchPolicy(page: Page): Promise<string[]> {
  const problems: string[] = [];
  page.on('console', (message) => {
    if (message.type() === 'error') problems.push(`console: ${message.text()}`);
  });
  page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
  await page.exposeFunction('__reportViolation', (text: string) => problems.push(`violation: ${text}`));
  await page.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (event) => {
      const report = (window as unknown as { __reportViolation: (text: string) => void }).__reportViolation;
      report(`${event.effectiveDirective} blocked ${event.blockedURI || 'inline'} (${event.sourceFile}:${event.lineNumber})`);
    });
  });
  return problems;
}

test('each page has its own script nonce, and its scripts carry it', async ({ page, request }) => {
  const policies = await Promise.all(
    [request.get('/'), request.get('/')].map(async (r) => (await r).headers()['content-security-policy'] ?? ''),
  );
  const nonces = policies.map((policy) => /'nonce-([A-Za-z0-9+/=]+)'/.exec(policy)?.[1]);
  expect(nonces[0]).toBeTruthy();
  expect(nonces[0]).not.toBe(nonces[1]);
  expect(policies[0]).toMatch(/script-src 'self' 'nonce-[^']+' 'strict-dynamic' 'unsafe-eval'(;|$)/);

  const response = await page.goto('/');
  const nonce = /'nonce-([^']+)'/.exec(response?.headers()['content-security-policy'] ?? '')?.[1];
  const scripts = await page.locator('script').evaluateAll((all) => all.map((script) => (script as HTMLScriptElement).nonce));
  expect(scripts.length).toBeGreaterThan(0);
  expect(new Set(scripts)).toEqual(new Set([nonce]));
});

test('an event handler that HTML got into the page does not run', async ({ page }) => {
  const problems = await watchPolicy(page);
  await page.goto('/');
  await page.evaluate(() => {
    document.body.insertAdjacentHTML('beforeend', '<img src="/no-such-image.png" onerror="window.__injected = 1">');
  });
  await expect.poll(() => problems.some((problem) => problem.startsWith('violation: script-src'))).toBe(true);
  expect(await page.evaluate(() => (window as unknown as { __injected?: number }).__injected)).toBeUndefined();
});

test('every page works under the policy with no violation or console error', async ({ page, request }) => {
  const doc = uniqueDocument('E2E Policy');
  await registerDocument(request, doc.yaml);
  const problems = await watchPolicy(page);

  await page.goto('/');
  await expect(page.getByTestId('document-card').first()).toBeVisible();
  await page.goto(`/documents/${doc.slug}`);
  await expect(page.getByTestId('asyncapi-render')).toContainText('Stock levels per warehouse.');
  await expect(page.getByTestId('asyncapi-render')).toContainText('publishStock');
  await page.goto('/live');
  await expect(page.getByText('Connected', { exact: true })).toBeVisible();
  await page.goto('/publish');
  await expect(page.getByLabel('Topic')).toBeVisible();
  await page.goto('/queue');
  await expect(page.getByRole('heading', { name: 'Deferred queue' })).toBeVisible();
  await page.goto('/drift');
  await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
  await page.goto('/channels');
  await expect(page.getByText('inventory/{warehouseId}/stock').first()).toBeVisible();
  // Client-side navigation loads the renderer's chunks under the first page's policy.
  await page.goto('/');
  await page.getByRole('link', { name: doc.title }).first().click();
  await expect(page.getByTestId('asyncapi-render')).toContainText('publishStock');
  await page.waitForLoadState('networkidle');

  expect(problems).toEqual([]);
});
