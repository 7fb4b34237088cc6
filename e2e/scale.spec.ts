import { expect, test, type APIRequestContext, type Page } from '@playwright/test';
import { openDatabase } from '../prisma/db.ts';
import { createPostgresDatabase } from '../testing/databases.ts';
import { startHaproxy, type RunningHaproxy } from '../testing/haproxy.ts';
import { startPortalProcess, type PortalProcess } from '../testing/portal-process.ts';
import { REDIS_URL, redisCli, uniqueDocument } from './helpers.ts';

// Three portal instances on one PostgreSQL and one Redis, behind HAProxy with the README's configuration.
test.describe.configure({ mode: 'serial' });

let database: { url: string; drop(): Promise<void> };
let instances: PortalProcess[] = [];
let balancer: RunningHaproxy;

test.beforeAll(async () => {
  test.setTimeout(240_000);
  const adminUrl = process.env.TEST_DATABASE_URL;
  if (!adminUrl) throw new Error('TEST_DATABASE_URL is not set: npm test starts a PostgreSQL for the end-to-end tests and sets it');
  database = await createPostgresDatabase(adminUrl, 'portal_scale');
  // Migrated once here, so the three do not race to migrate one database at start.
  const setup = await openDatabase({ url: database.url });
  await setup.migrate();
  await setup.close();
  instances = await Promise.all(
    ['portal-a', 'portal-b', 'portal-c'].map((name) =>
      startPortalProcess(name, { DATABASE_URL: database.url, REDIS_URL, TRUSTED_PROXIES: '127.0.0.1' }),
    ),
  );
  balancer = await startHaproxy(instances.map(({ name, port }) => ({ name, port })));
});

test.afterAll(async () => {
  await balancer?.stop();
  await Promise.all(instances.map((instance) => instance.stop()));
  await database?.drop();
});

/** The instance HAProxy sends this page to: the one its sticky cookie names. */
async function servingInstance(page: Page): Promise<PortalProcess> {
  const cookie = (await page.context().cookies(balancer.url)).find((c) => c.name === 'portal-instance');
  const instance = instances.find((i) => i.name === cookie?.value);
  if (!instance) throw new Error(`no portal-instance cookie names an instance: ${JSON.stringify(cookie)}`);
  return instance;
}

async function publishThrough(request: APIRequestContext, instance: PortalProcess, topic: string, payload: string): Promise<void> {
  const response = await request.post(`${instance.url}/topics/${topic}`, { data: payload, headers: { 'Content-Type': 'text/plain' } });
  expect(response.status(), await response.text()).toBe(200);
}

async function openTail(page: Page, pattern: string): Promise<void> {
  await page.goto(`${balancer.url}/live`);
  await expect(page.getByText('Connected', { exact: true })).toBeVisible();
  await page.getByRole('button', { name: 'Remove pattern *' }).click();
  await page.getByRole('textbox', { name: 'Pattern' }).fill(pattern);
  await page.getByRole('button', { name: 'Add pattern' }).click();
}

test('a tail opened through the load balancer shows what is published through another instance', async ({ page }) => {
  const stamp = Date.now();
  await openTail(page, `e2e.scale.${stamp}.*`);
  const serving = await servingInstance(page);
  const other = instances.find((i) => i !== serving)!;
  const topic = `e2e.scale.${stamp}.first`;
  await expect
    .poll(async () => {
      await publishThrough(page.request, other, topic, `published through ${other.name}`);
      return page.getByTestId('tail-row').filter({ hasText: topic }).count();
    })
    .toBeGreaterThan(0);
  await expect(page.getByTestId('tail-row').filter({ hasText: topic }).first()).toContainText(`published through ${other.name}`);
});

test('a document registered on one instance is in every other instance’s conformance index within a second', async ({ request }) => {
  const [a, b, c] = instances;
  const registered = await request.post(`${b!.url}/api/documents`, {
    data: uniqueDocument('E2E Scale').yaml,
    headers: { 'Content-Type': 'application/yaml' },
  });
  expect(registered.status(), await registered.text()).toBe(201);
  const { slug } = (await registered.json()) as { slug: string };
  // From the moment B answers, the other instances have one second, together, to index the new channel.
  const indexed = (instance: PortalProcess) =>
    expect
      .poll(
        async () => {
          const snapshot = (await (await request.get(`${instance.url}/api/conformance?slug=${slug}`)).json()) as { catalogued: unknown[] };
          return snapshot.catalogued.length;
        },
        { timeout: 1_000, intervals: [50] },
      )
      .toBeGreaterThan(0);
  await Promise.all([indexed(a!), indexed(c!)]);
});

test('traffic counts are exact and the same on every instance, however many instances see each message', async ({ request }) => {
  const { yaml, slug } = uniqueDocument('E2E Counts');
  const registered = await request.post(`${instances[0]!.url}/api/documents`, {
    data: yaml,
    headers: { 'Content-Type': 'application/yaml' },
  });
  expect(registered.status(), await registered.text()).toBe(201);
  const channel = `inventory/w-${slug}/stock`;
  type Counts = { messages: number; violations: number };
  const countsOn = async (instance: PortalProcess): Promise<Counts> => {
    const snapshot = (await (await request.get(`${instance.url}/api/conformance?slug=${slug}`)).json()) as { catalogued: Counts[] };
    return { messages: snapshot.catalogued[0]?.messages ?? 0, violations: snapshot.catalogued[0]?.violations ?? 0 };
  };
  // Once the catalogue change reached the instance that counts, a probe shows up: from then on nothing is missed.
  await expect
    .poll(async () => {
      redisCli('PUBLISH', channel, '{"sku":"probe","onHand":1}');
      return (await countsOn(instances[0]!)).messages;
    })
    .toBeGreaterThan(0);
  await new Promise((resolve) => setTimeout(resolve, 500)); // the last probe's flush
  const before = await countsOn(instances[0]!);
  for (let i = 0; i < 40; i++) redisCli('PUBLISH', channel, `{"sku":"s-${i}","onHand":${i}}`);
  for (let i = 0; i < 5; i++) redisCli('PUBLISH', channel, `{"sku":"s-${i}","onHand":"many"}`);
  const expected = { messages: before.messages + 45, violations: before.violations + 5 };
  for (const instance of instances) await expect.poll(() => countsOn(instance)).toEqual(expected);
  await new Promise((resolve) => setTimeout(resolve, 1_000));
  expect(await Promise.all(instances.map(countsOn))).toEqual(instances.map(() => expected));

  // The counts live in Redis: an instance started now, which saw none of it, shows them too.
  const late = await startPortalProcess('portal-late', { DATABASE_URL: database.url, REDIS_URL, TRUSTED_PROXIES: '127.0.0.1' });
  try {
    expect(await countsOn(late)).toEqual(expected);
  } finally {
    await late.stop();
  }
});

test('killing the instance a browser tails through moves it to another, and the tail resumes', async ({ page }) => {
  test.setTimeout(90_000);
  const stamp = Date.now();
  await openTail(page, `e2e.failover.${stamp}.*`);
  const serving = await servingInstance(page);
  const survivor = instances.find((i) => i !== serving)!;
  await expect
    .poll(async () => {
      await publishThrough(page.request, survivor, `e2e.failover.${stamp}.before`, 'before');
      return page
        .getByTestId('tail-row')
        .filter({ hasText: `e2e.failover.${stamp}.before` })
        .count();
    })
    .toBeGreaterThan(0);

  await serving.kill();
  instances = instances.filter((i) => i !== serving);
  await expect
    .poll(
      async () => {
        await publishThrough(page.request, survivor, `e2e.failover.${stamp}.after`, 'after');
        return page
          .getByTestId('tail-row')
          .filter({ hasText: `e2e.failover.${stamp}.after` })
          .count();
      },
      { timeout: 30_000 },
    )
    .toBeGreaterThan(0);
  await expect(page.getByText('Connected', { exact: true })).toBeVisible();
});
