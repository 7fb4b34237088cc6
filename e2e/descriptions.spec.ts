import { randomBytes } from 'node:crypto';
import { expect, test } from '@playwright/test';
import { registerDocument } from './helpers.ts';

/** A description that tries to hide the page and its banners, submit a form and call a remote host. */
function hostile(marker: string): string {
  return [
    // Text first: DOMPurify drops a <style> that opens the HTML, but keeps one after it.
    `${marker} **kept as Markdown**.`,
    '<style>body{display:none} .lifecycle-banner,.forced-notice{display:none}</style>',
    '<form action="/api/publish" method="post"><input name="topic" value="hijacked"><button>Send</button></form>',
    '<iframe src="https://evil.example/frame"></iframe>',
    '<img src="https://evil.example/pixel.png"> ![tracker](http://evil.example/tracker.png)',
    '<div class="fixed inset-0 z-50" style="position:fixed;inset:0;background:white" onmouseover="window.__pwned=1">cover</div>',
  ]
    .map((block) => `      ${block}`)
    .join('\n\n');
}

function describedDocument(title: string, version: string, extraProperty: string): string {
  return `asyncapi: 3.0.0
info:
  title: ${title}
  version: ${version}
  description: |
${hostile('Info described')}
  tags:
    - name: stock
      description: |
${hostile('Tag described').replace(/^ {6}/gm, '        ')}
channels:
  stockChanged:
    address: inventory/stock
    description: |
${hostile('Channel described').replace(/^ {6}/gm, '      ')}
    messages:
      StockChanged:
        name: StockChanged
        description: |
${hostile('Message described').replace(/^ {6}/gm, '          ')}
        payload:
          type: object
          properties:
            ${extraProperty}:
              type: string
              description: |
${hostile('Property described').replace(/^ {6}/gm, '                ')}
operations:
  publishStock:
    action: send
    description: |
${hostile('Operation described').replace(/^ {6}/gm, '      ')}
    channel:
      $ref: '#/channels/stockChanged'
`;
}

test('descriptions render as sanitised Markdown: no styles, forms, frames or remote images, banners stay', async ({ page, request }) => {
  const title = `E2E Described ${randomBytes(3).toString('hex')}`;
  const { slug } = await registerDocument(request, describedDocument(title, '1.0.0', 'sku'));
  // A forced, deprecated version shows both banners a stylesheet in a description could hide.
  const forced = await request.post('/api/documents?force=true', {
    data: describedDocument(title, '1.1.0', 'warehouse'),
    headers: { 'Content-Type': 'application/yaml' },
  });
  expect(forced.status(), await forced.text()).toBe(201);
  expect((await request.patch(`/api/documents/${slug}/versions/1.1.0`, { data: { status: 'deprecated' } })).status()).toBe(200);

  const remote: string[] = [];
  page.on('request', (sent) => {
    if (sent.url().includes('evil.example')) remote.push(sent.url());
  });
  await page.goto(`/documents/${slug}?version=1.1.0`);
  const render = page.getByTestId('asyncapi-render');
  for (const marker of ['Info', 'Channel', 'Message', 'Operation']) {
    await expect(render.getByText(`${marker} described`).first()).toBeVisible();
  }
  // A tag's description is only its tooltip: an attribute, so its HTML stays text.
  await expect(render.locator('[title*="Tag described"]').first()).toBeAttached();
  await expect(render.locator('strong', { hasText: 'kept as Markdown' }).first()).toBeVisible();
  await page.waitForLoadState('networkidle');

  await expect(page.locator('body')).toBeVisible();
  await expect(page.getByTestId('lifecycle-banner')).toBeVisible();
  await expect(page.getByText(/Forced: registered despite/)).toBeVisible();
  for (const selector of ['style', 'form', 'input', 'iframe', 'script', '[style]', '[onmouseover]', 'img[src^="http"]', 'img[src^="//"]']) {
    await expect(render.locator(selector), selector).toHaveCount(0);
  }
  await expect(render.getByRole('button', { name: 'Send' })).toHaveCount(0);
  await expect(render.locator('.fixed')).toHaveCount(0);
  expect(await page.evaluate(() => [...document.querySelectorAll('style')].some((s) => s.textContent?.includes('display:none')))).toBe(
    false,
  );
  expect(remote).toEqual([]);
});
