import { expect, test } from '@playwright/test';
import { Redis } from 'ioredis';
import { REDIS_URL, redisCli } from './helpers.ts';

test.beforeEach(async ({ page }) => {
  await page.goto('/live');
  await expect(page.getByText('Connected', { exact: true })).toBeVisible();
  await expect.poll(() => Number(redisCli('PUBSUB', 'NUMPAT').trim())).toBeGreaterThan(0);
});

test('an expression filters the tail, Escape closes the detail onto its row, Edit and send fills the form', async ({ page }) => {
  const stamp = `e2e.triage.${Date.now()}`;
  redisCli('PUBLISH', `${stamp}.big`, '{"total":150}');
  redisCli('PUBLISH', `${stamp}.small`, '{"total":50}');
  redisCli('PUBLISH', `${stamp}.text`, 'not json');
  const rows = page.getByTestId('tail-row');
  await expect(rows.filter({ hasText: `${stamp}.small` })).toHaveCount(1);

  const expression = page.getByLabel('Expression (JSONata)');
  await expression.fill('payload.(');
  await expect(expression).toHaveAttribute('aria-invalid', 'true');
  await expect(expression).toHaveAccessibleDescription(/Expected/);
  await expect(rows).toHaveCount(0);

  await expression.fill(`payload.total > 100 and $contains(channel, "${stamp}")`);
  await expect(expression).not.toHaveAttribute('aria-invalid');
  const big = rows.filter({ hasText: `${stamp}.big` });
  await expect(big).toHaveCount(1);
  await expect(rows).toHaveCount(1);
  await expect(expression).toHaveAccessibleDescription(/skipped \(payload not JSON\)/);

  await big.click();
  const detail = page.getByTestId('tail-detail');
  await expect(detail).toContainText('"total": 150');
  await detail.getByLabel('Message content').focus();
  await page.keyboard.press('Escape');
  await expect(detail).toHaveCount(0);
  await expect(big).toBeFocused();

  await big.press('Enter');
  await page.getByRole('link', { name: 'Edit and send' }).click();
  await expect(page).toHaveURL(/\/publish\?topic=/);
  await expect(page.getByLabel('Topic')).toHaveValue(`${stamp}.big`);
  await expect(page.getByLabel('Payload')).toHaveValue('{"total":150}');
});

test('a binary payload shows as a hex dump, and the status filter keeps only what it names', async ({ page }) => {
  const channel = `e2e.binary.${Date.now()}`;
  const redis = new Redis(REDIS_URL);
  try {
    await redis.publish(channel, Buffer.from([0x48, 0x69, 0x00, 0xff, 0xfe]));
  } finally {
    redis.disconnect();
  }
  const row = page.getByTestId('tail-row').filter({ hasText: channel });
  await row.click();
  await expect(page.getByTestId('hex-view')).toHaveText(/^00000000 {2}48 69 00 ff fe +\|Hi\.\.\.\|$/);
  await page.getByRole('checkbox', { name: 'violates' }).check();
  // Nothing is catalogued: every message is undocumented, none violates.
  await expect(row).toHaveCount(0);
  await page.getByRole('checkbox', { name: 'undocumented' }).check();
  await expect(row).toHaveCount(1);
});
