import { expect, test } from '@playwright/test';

test('/queue warns when Redis would lose the queue on a restart, as /api/queue reports it', async ({ page, request }) => {
  const { persistence } = (await (await request.get('/api/queue')).json()) as { persistence: { aof: boolean | null; warning?: string } };
  await page.goto('/queue');
  await expect(page.getByTestId('queue-depth')).toBeVisible();
  const warning = page.getByTestId('queue-persistence-warning');
  // The runner's throwaway Redis has AOF off; a Redis with AOF on must show no warning at all.
  if (persistence.aof === true) {
    await expect(warning).toHaveCount(0);
  } else {
    await expect(warning).toBeVisible();
    await expect(warning).toContainText(persistence.warning ?? '');
    await expect(warning).toContainText('appendonly yes');
  }
});
