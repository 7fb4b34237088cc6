import { expect, test } from '@playwright/test';
import { redisCli, registerDocument } from './helpers.ts';

test('an undocumented topic is listed on the drift page and drafted into a registered document', async ({ page }) => {
  const topic = `e2e.drift.${Date.now()}`;
  // The portal observes the broker by itself: no page needs to be open for the message to count.
  await expect.poll(() => Number(redisCli('PUBSUB', 'NUMPAT').trim())).toBeGreaterThan(0);
  redisCli('PUBLISH', topic, '{"refundId":"r-1","amount":12.5}');

  await expect
    .poll(async () => {
      await page.goto('/drift');
      return page.getByTestId('drift-undocumented').getByText(topic, { exact: true }).count();
    })
    .toBe(1);
  const row = page.getByTestId('drift-undocumented').getByRole('row').filter({ hasText: topic });
  await expect(row).toContainText('{"refundId":"r-1","amount":12.5}');

  await row.getByRole('link', { name: `Start a draft for ${topic}` }).click();
  await expect(page).toHaveURL(/\/documents\/new\?draft=/);
  await expect(page.getByLabel('AsyncAPI document')).toHaveValue(new RegExp(`"address": "${topic.replace(/\./g, '\\.')}"`));
  await page.getByRole('button', { name: 'Register' }).click();
  await expect(page).toHaveURL(/\/documents\/draft-e2e-drift-/);
  await expect(page.getByRole('heading', { name: `Draft: ${topic}` }).first()).toBeVisible();

  // Once documented, the channel leaves the undocumented list.
  await page.goto('/drift');
  await expect(page.getByTestId('drift-undocumented').getByText(topic, { exact: true })).toHaveCount(0);
});

test('a catalogued channel is silent until traffic arrives within the window, and a bad window is explained', async ({ page, request }) => {
  const address = `e2e.silent.${Date.now()}`;
  await registerDocument(
    request,
    `asyncapi: 3.0.0
info:
  title: E2E Silent ${address}
  version: 1.0.0
servers:
  local:
    host: localhost:6379
    protocol: redis
channels:
  quiet:
    address: ${address}
    messages:
      Ping:
        payload:
          type: string
`,
  );
  const silent = page.getByTestId('drift-silent');
  await page.goto('/drift?window=5m');
  await expect(page.getByLabel('Silent for')).toHaveValue('5m');
  await expect(silent.getByText(address, { exact: true })).toBeVisible();
  // The portal's own Socket.IO API is not on the broker, so it is never reported silent.
  await expect(silent.getByText('tail:batch', { exact: true })).toHaveCount(0);

  redisCli('PUBLISH', address, '"ping"');
  await expect
    .poll(async () => {
      await page.goto('/drift?window=5m');
      return silent.getByText(address, { exact: true }).count();
    })
    .toBe(0);

  await page.goto('/drift?window=forever');
  await expect(page.getByRole('alert').filter({ hasText: '“forever” is not a window' })).toBeVisible();
  const response = await request.get('/api/drift?window=forever');
  expect(response.status()).toBe(400);
  expect((await response.json()).error).toMatch(/not a duration/);
  const ok = await request.get('/api/drift?window=15m');
  expect(ok.status()).toBe(200);
  expect(await ok.json()).toMatchObject({ windowMs: 15 * 60_000, undocumented: expect.any(Array), silent: expect.any(Array) });
});
