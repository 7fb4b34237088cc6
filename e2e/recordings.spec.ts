import { expect, test } from '@playwright/test';
import { Redis } from 'ioredis';
import { REDIS_URL, redisCli } from './helpers.ts';

test('Record on the live tail records its patterns; /recordings stops, exports and replays it in order', async ({ page }) => {
  const stamp = `e2e.rec.${Date.now()}`;
  await page.goto(`/live?pattern=${encodeURIComponent(`${stamp}.*`)}`);
  await expect(page.getByText('Connected', { exact: true })).toBeVisible();
  await page.getByTestId('record-tail').click();
  await expect(page.getByRole('status').filter({ hasText: 'Recording:' })).toBeVisible();
  for (const n of [1, 2, 3]) redisCli('PUBLISH', `${stamp}.${n}`, `{"n":${n}}`);

  await page.getByRole('link', { name: 'see it on Recordings' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Recordings' })).toBeVisible();
  const row = page.getByRole('row').filter({ hasText: `${stamp}.*` });
  await expect(row).toContainText('3 of at most 10000');
  await row.getByRole('button', { name: /^Stop/ }).click();
  await expect(row).toContainText('stopped (stopped)');

  const exported = await page.request.get((await row.getByRole('link', { name: 'NDJSON' }).getAttribute('href'))!);
  const lines = (await exported.text()).trim().split('\n');
  expect(lines.map((line) => (JSON.parse(line) as { payload: string }).payload)).toEqual(['{"n":1}', '{"n":2}', '{"n":3}']);

  const subscriber = new Redis(REDIS_URL);
  const received: string[] = [];
  try {
    subscriber.on('pmessage', (_pattern: string, channel: string) => received.push(channel));
    await subscriber.psubscribe(`again.${stamp}.*`);
    await row.getByRole('combobox', { name: /Replay speed/ }).selectOption('max');
    await row.getByRole('textbox', { name: /Topic prefix/ }).fill('again.');
    await row.getByRole('button', { name: /^Replay/ }).click();
    await expect(row.getByTestId('replay-progress')).toHaveText('replay finished after 3 of 3');
    await expect.poll(() => received).toEqual([1, 2, 3].map((n) => `again.${stamp}.${n}`));
  } finally {
    subscriber.disconnect();
  }
});
