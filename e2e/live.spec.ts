import { expect, test } from '@playwright/test';
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { redisCli, registerDocument } from './helpers.ts';

test.beforeEach(async ({ page }) => {
  await page.goto('/live');
  await expect(page.getByText('Connected', { exact: true })).toBeVisible();
});

test('a message published from the form appears in the tail with its channel and payload', async ({ page }) => {
  const topic = `e2e.form.${Date.now()}`;
  await page.getByLabel('Topic').fill(topic);
  await page.getByLabel('Payload').fill('{"orderId":"o-42","total":99.5}');
  await page.getByRole('button', { name: 'Publish' }).click();
  await expect(page.getByText(/Delivered to \d+ subscribers? besides the portal/)).toBeVisible();
  const row = page.getByTestId('tail-row').filter({ hasText: topic });
  await expect(row).toBeVisible();
  await row.click();
  await expect(page.getByTestId('tail-detail')).toContainText('"orderId": "o-42"');
});

test('a message published with redis-cli appears in the tail', async ({ page }) => {
  const topic = `e2e.cli.${Date.now()}`;
  await expect.poll(() => Number(redisCli('PUBSUB', 'NUMPAT').trim())).toBeGreaterThan(0);
  redisCli('PUBLISH', topic, 'plain text from redis-cli');
  await expect(page.getByTestId('tail-row').filter({ hasText: topic })).toContainText('plain text from redis-cli');
});

test('an HTML payload shows as text and never runs', async ({ page }) => {
  const topic = `e2e.xss.${Date.now()}`;
  const payload = '<img src=x onerror="window.__pwned=1"><script>window.__pwned=2</script>';
  await expect.poll(() => Number(redisCli('PUBSUB', 'NUMPAT').trim())).toBeGreaterThan(0);
  redisCli('PUBLISH', topic, payload);
  const row = page.getByTestId('tail-row').filter({ hasText: topic });
  await expect(row).toContainText('<img src=x onerror=');
  await row.click();
  await expect(page.getByTestId('tail-detail')).toContainText(payload);
  expect(await page.evaluate(() => (window as unknown as { __pwned?: number }).__pwned)).toBeUndefined();
  await expect(page.locator('img[src="x"]')).toHaveCount(0);
});

test('a pattern filters the tail to matching channels', async ({ page }) => {
  await page.getByRole('button', { name: 'Remove pattern *' }).click();
  await page.getByRole('textbox', { name: 'Pattern' }).fill('e2e.only.*');
  await page.getByRole('button', { name: 'Add pattern' }).click();
  const stamp = Date.now();
  // Publish both until the new subscription is live; then only the matching channel may have rows.
  await expect
    .poll(() => {
      redisCli('PUBLISH', `e2e.other.${stamp}`, 'not wanted');
      redisCli('PUBLISH', `e2e.only.${stamp}`, 'wanted');
      return page
        .getByTestId('tail-row')
        .filter({ hasText: `e2e.only.${stamp}` })
        .count();
    })
    .toBeGreaterThan(0);
  await expect(page.getByTestId('tail-row').filter({ hasText: `e2e.other.${stamp}` })).toHaveCount(0);
});

test('a catalogued channel followed as a shard channel shows what SPUBLISH sends, which no pattern receives', async ({ page, request }) => {
  const suffix = randomBytes(3).toString('hex');
  const address = `e2e.sharded.${suffix}`;
  await registerDocument(
    request,
    `asyncapi: 3.0.0
info: { title: E2E Sharded ${suffix}, version: 1.0.0 }
channels:
  orders:
    address: ${address}
    messages:
      Order:
        payload: { type: object, required: [id], properties: { id: { type: integer } } }
`,
  );
  await page.reload();
  await expect(page.getByText('Connected', { exact: true })).toBeVisible();
  const shards = page.getByTestId('shard-channels');
  await shards.getByText('Sharded pub/sub (SPUBLISH)').click();
  await shards.getByRole('button', { name: address, exact: true }).click();
  await expect(page.getByRole('list', { name: 'Followed shard channels' })).toContainText(address);
  await expect.poll(() => Number(redisCli('PUBSUB', 'SHARDNUMSUB', address).trim().split('\n').at(-1))).toBe(1);
  redisCli('SPUBLISH', address, '{"id":7}');
  const row = page.getByTestId('tail-row').filter({ hasText: address });
  await expect(row).toContainText('sharded');
  await expect(row).toContainText('conforms');
  await expect(row).toHaveCount(1, { timeout: 1_000 }); // the pattern * never received it

  await page.getByRole('button', { name: `Stop following shard channel ${address}` }).click();
  await expect.poll(() => Number(redisCli('PUBSUB', 'SHARDNUMSUB', address).trim().split('\n').at(-1))).toBe(0);
});

test('when Redis cuts the portal off, the tail shows the gap between the messages before and after', async ({ page }) => {
  const topic = `e2e.gap.${Date.now()}`;
  await expect.poll(() => Number(redisCli('PUBSUB', 'NUMPAT').trim())).toBeGreaterThan(0);
  redisCli('PUBLISH', topic, 'before the reset');
  await expect(page.getByTestId('tail-row').filter({ hasText: 'before the reset' })).toBeVisible();
  redisCli('CLIENT', 'KILL', 'TYPE', 'pubsub');
  const gap = page.getByTestId('tail-gap').first();
  await expect(gap).toContainText('Connection to Redis was reset');
  await expect(gap).toContainText('messages published meanwhile were not received');
  await expect(page.getByTestId('tail-gaps')).toHaveText('1');
  await expect
    .poll(() => {
      redisCli('PUBLISH', topic, 'after the reset');
      return page.getByTestId('tail-row').filter({ hasText: 'after the reset' }).count();
    })
    .toBeGreaterThan(0);
  const rows = page.locator('[data-testid="tail-row"], [data-testid="tail-gap"]');
  const order = await rows.evaluateAll((elements) =>
    elements
      .map((element) => ({ seq: Number((element as HTMLElement).dataset.seq), text: element.textContent ?? '' }))
      .sort((a, b) => a.seq - b.seq)
      .map(({ text }) =>
        text.includes('before the reset')
          ? 'before'
          : text.includes('after the reset')
            ? 'after'
            : text.includes('Connection to Redis')
              ? 'gap'
              : 'other',
      )
      .filter((kind) => kind !== 'other'),
  );
  expect(order.slice(0, 3)).toEqual(['before', 'gap', 'after']);
});

test('the tail runs in a Web Worker, and Export NDJSON downloads the rows the filter keeps, oldest first', async ({ page }) => {
  await expect.poll(() => page.workers().length).toBeGreaterThan(0);
  const topic = `e2e.export.${Date.now()}`;
  await expect.poll(() => Number(redisCli('PUBSUB', 'NUMPAT').trim())).toBeGreaterThan(0);
  redisCli('PUBLISH', topic, '{"n":1}');
  redisCli('PUBLISH', topic, '{"n":2}');
  redisCli('PUBLISH', `e2e.elsewhere.${Date.now()}`, 'left out');
  await page.getByPlaceholder('Channel or payload text').fill(topic);
  await expect(page.getByTestId('tail-row')).toHaveCount(2);
  const download = page.waitForEvent('download');
  await page.getByTestId('tail-export').click();
  const lines = readFileSync(await (await download).path(), 'utf8')
    .trim()
    .split('\n')
    .map((line) => JSON.parse(line) as { channel: string; payload: unknown });
  expect(lines.map(({ channel, payload }) => [channel, payload])).toEqual([
    [topic, { n: 1 }],
    [topic, { n: 2 }],
  ]);
});

test('scrolled down, the tail keeps the row being read in place as new messages arrive above it', async ({ page }) => {
  const topic = `e2e.scroll.${Date.now()}`;
  const publish = (from: number, count: number) =>
    redisCli(
      'EVAL',
      `for i = 1, tonumber(ARGV[2]) do redis.call('PUBLISH', ARGV[1], '{"n":' .. (tonumber(ARGV[3]) + i) .. '}') end`,
      '0',
      topic,
      String(count),
      String(from),
    );
  await expect.poll(() => Number(redisCli('PUBSUB', 'NUMPAT').trim())).toBeGreaterThan(0);
  await page.getByPlaceholder('Channel or payload text').fill(topic);
  publish(0, 60);
  await expect(page.getByTestId('tail-row').first()).toContainText('{"n":60}');
  const list = page.getByRole('listbox', { name: 'Messages, newest first' });
  await list.evaluate((element) => (element.scrollTop = 20 * 30));
  const read = page.getByTestId('tail-row').filter({ hasText: '{"n":40}' });
  await expect(read).toHaveAttribute('aria-posinset', '21');
  const before = (await read.boundingBox())!.y;
  publish(60, 10);
  await expect(read).toHaveAttribute('aria-posinset', '31');
  expect(Math.abs((await read.boundingBox())!.y - before)).toBeLessThanOrEqual(1);
  await list.evaluate((element) => (element.scrollTop = 0));
  publish(70, 1);
  await expect(page.getByTestId('tail-row').first()).toContainText('{"n":71}');
});
