import { expect, test, type Page } from '@playwright/test';
import type { TrafficSnapshot } from '../lib/conformance/traffic.ts';
import { redisCli, seedExamples } from './helpers.ts';

seedExamples('greenhouse-sensors.yaml');

/** Publishes until the tail shows a row for `channel` (the page's subscription may still be on its way), and returns that row. */
async function publishUntilShown(page: Page, channel: string, payload: string) {
  const row = page.getByTestId('tail-row').filter({ hasText: channel });
  await expect
    .poll(async () => {
      if ((await row.count()) === 0) redisCli('PUBLISH', channel, payload);
      return row.count();
    })
    .toBeGreaterThan(0);
  return row.first();
}

test.beforeEach(async ({ page }) => {
  await page.goto('/live');
  await expect(page.getByText('Connected', { exact: true })).toBeVisible();
});

test('a violating message on a catalogued channel shows "violates" and its errors in the tail', async ({ page }) => {
  const channel = `greenhouse/north/sensor/e2e-${Date.now()}/reading`;
  const row = await publishUntilShown(page, channel, '{"sensorId":17}');
  await expect(row.getByTestId('conformance-badge')).toHaveText('violates');
  await expect(row).toContainText("payload must have required property 'measuredAt' (+1 more)");
  await expect(page.getByTestId('channel-rates').getByRole('row').filter({ hasText: channel })).toContainText('100 %');
  await row.click();
  const detail = page.getByTestId('conformance-detail');
  await expect(detail).toContainText('Greenhouse Sensors 2.1.0');
  await expect(detail).toContainText('greenhouse/{zone}/sensor/{sensorId}/reading');
  await expect(detail).toContainText('zone = north');
  const errors = detail.getByRole('list', { name: 'Schema violations' });
  await expect(errors.getByRole('listitem')).toHaveText(["payload must have required property 'measuredAt'", '/sensorId must be string']);
});

test('conforming and undocumented messages get their own badges', async ({ page }) => {
  const stamp = Date.now();
  const conforming = await publishUntilShown(
    page,
    `greenhouse/south/sensor/e2e-${stamp}/reading`,
    JSON.stringify({ sensorId: 'x', measuredAt: '2026-11-23T10:00:00Z' }),
  );
  await expect(conforming.getByTestId('conformance-badge')).toHaveText('conforms');
  const undocumented = await publishUntilShown(page, `e2e.undocumented.${stamp}`, '{"any":"thing"}');
  await expect(undocumented.getByTestId('conformance-badge')).toHaveText('undocumented');
});

test('the document page and GET /api/conformance count a channel’s messages and violations', async ({ page, request }) => {
  const before = (await (await request.get('/api/conformance?slug=greenhouse-sensors')).json()) as TrafficSnapshot;
  const alertsBefore = before.catalogued.find((c) => c.channelKey === 'zoneAlert')!;
  redisCli('PUBLISH', 'greenhouse/west/alert', '{"zone":"west","kind":"too-hot","value":40}');
  redisCli('PUBLISH', 'greenhouse/west/alert', '{"zone":"west","kind":"melting"}');
  await expect
    .poll(async () => {
      const snapshot = (await (await request.get('/api/conformance?slug=greenhouse-sensors')).json()) as TrafficSnapshot;
      const alerts = snapshot.catalogued.find((c) => c.channelKey === 'zoneAlert')!;
      return [alerts.messages - alertsBefore.messages, alerts.violations - alertsBefore.violations];
    })
    .toEqual([2, 1]);

  await page.goto('/documents/greenhouse-sensors');
  const row = page.getByTestId('channel-traffic').getByRole('row').filter({ hasText: 'greenhouse/{zone}/alert' });
  await expect(row).toContainText(`${alertsBefore.messages + 2}`);
  await expect(row).toContainText(/\d+ s ago|now/);

  const refused = await request.get('/api/conformance?slug=Not%20A%20Slug');
  expect(refused.status()).toBe(400);
  expect(((await refused.json()) as { error: string }).error).toMatch(/slug must be a document slug/);
});
