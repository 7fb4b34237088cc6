import { expect, test } from '@playwright/test';
import { redisCli, seedExamples } from './helpers.ts';

seedExamples('greenhouse-sensors.yaml');

test('a concrete channel name finds its catalogued channel, which links to tailing it and publishing to it', async ({ page }) => {
  await page.goto('/channels?q=greenhouse/north/alert');
  const row = page.getByRole('row').filter({ hasText: 'greenhouse/{zone}/alert' }).filter({ hasText: 'Greenhouse Sensors' });
  await expect(row).toHaveCount(1);

  await row.getByRole('link', { name: 'Tail this channel' }).click();
  await expect(page).toHaveURL(/\/live\?pattern=greenhouse%2F\*%2Falert$/);
  await expect(page.getByRole('button', { name: 'Remove pattern greenhouse/*/alert' })).toBeVisible();
  await expect(page.getByText('Connected', { exact: true })).toBeVisible();
  const stamp = Date.now();
  await expect
    .poll(() => {
      redisCli('PUBLISH', `greenhouse/e2e-${stamp}/other`, 'not followed');
      redisCli('PUBLISH', `greenhouse/e2e-${stamp}/alert`, 'followed');
      return page
        .getByTestId('tail-row')
        .filter({ hasText: `greenhouse/e2e-${stamp}/alert` })
        .count();
    })
    .toBeGreaterThan(0);
  await expect(page.getByTestId('tail-row').filter({ hasText: `greenhouse/e2e-${stamp}/other` })).toHaveCount(0);

  await page.goBack();
  await row.getByRole('link', { name: 'Publish to this channel' }).click();
  await expect(page).toHaveURL(/\/publish\?slug=greenhouse-sensors&version=2\.1\.0&channel=zoneAlert$/);
  await expect(page.getByLabel('Topic')).toHaveValue('greenhouse/north/alert');
  await expect(page.getByLabel('Payload')).toHaveValue(/"zone"/);
});

test("a document page's channels link to the version shown", async ({ page }) => {
  await page.goto('/documents/greenhouse-sensors');
  const row = page.getByRole('row').filter({ hasText: 'greenhouse/{zone}/sensor/{sensorId}/reading' });
  await expect(row.getByRole('link', { name: 'Tail this channel' })).toHaveAttribute(
    'href',
    '/live?pattern=greenhouse%2F*%2Fsensor%2F*%2Freading',
  );
  await expect(row.getByRole('link', { name: 'Publish to this channel' })).toHaveAttribute(
    'href',
    '/publish?slug=greenhouse-sensors&version=2.1.0&channel=sensorReading',
  );
});
