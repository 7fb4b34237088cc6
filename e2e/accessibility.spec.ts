import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Page } from '@playwright/test';
import { randomBytes } from 'node:crypto';
import { REQUIRED_AUTH, redisCli, registerDocument, uniqueDocument } from './helpers.ts';

// WCAG 2.0 and 2.1, levels A and AA: what axe-core can check of them.
const WCAG_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];
const WIDTHS = [1440, 390] as const;

const doc = uniqueDocument('E2E Accessible');
// A realistic channel a phone must show whole in the tail: this document's address for one warehouse.
const channel = `inventory/warehouse-${randomBytes(2).toString('hex')}/stock`;

/** A page, and what shows once it has what a user came for (so axe checks it, not a skeleton). */
interface Screen {
  name: string;
  path: string;
  ready: (page: Page) => Promise<void>;
}

const heading = (name: string | RegExp) => async (page: Page) => {
  await expect(page.getByRole('heading', { level: 1, name })).toBeVisible();
};

const LOCAL_SCREENS: Screen[] = [
  {
    name: 'the catalogue',
    path: '/',
    ready: async (page) => await expect(page.getByRole('link', { name: doc.title }).first()).toBeVisible(),
  },
  { name: 'register', path: '/documents/new', ready: heading('Register a document') },
  {
    name: 'a document',
    path: `/documents/${doc.slug}`,
    ready: async (page) => {
      await expect(page.getByText('released', { exact: true }).first()).toBeVisible();
      await expect(page.getByTestId('asyncapi-render').locator('.aui-root')).toBeVisible();
    },
  },
  {
    name: 'a diff',
    path: `/documents/${doc.slug}/diff`,
    ready: async (page) => await expect(page.getByText('non-breaking', { exact: true }).first()).toBeVisible(),
  },
  { name: 'channels', path: '/channels', ready: heading('Channels') },
  { name: 'the live tail', path: '/live', ready: showTraffic },
  { name: 'publish', path: '/publish', ready: heading('Publish a test event') },
  { name: 'the queue', path: '/queue', ready: async (page) => await expect(page.getByTestId('queue-depth')).toBeVisible() },
  { name: 'drift', path: '/drift', ready: heading('Drift') },
  { name: 'recordings', path: '/recordings', ready: heading('Recordings') },
  { name: 'the audit log', path: '/audit', ready: heading('Audit log') },
  {
    name: 'not found',
    path: '/no-such-page',
    ready: async (page) => await expect(page.getByRole('heading', { name: 'Not found' })).toBeVisible(),
  },
];

const SIGNED_IN_SCREENS: Screen[] = [
  { name: 'tokens', path: '/tokens', ready: heading('API tokens') },
  { name: 'users', path: '/users', ready: async (page) => await expect(page.getByTestId('users-table')).toBeVisible() },
  { name: 'the account', path: '/account', ready: heading('Change your password') },
];

test.beforeAll(async ({ playwright }, testInfo) => {
  const api = await playwright.request.newContext({ baseURL: testInfo.project.use.baseURL });
  try {
    await registerDocument(api, doc.yaml);
    // A compatible second version, so the diff page has non-breaking changes to badge.
    const added = '            onHand:\n              type: integer\n            note:\n              type: string\n';
    await registerDocument(
      api,
      doc.yaml.replace('version: 1.0.0', 'version: 1.1.0').replace('            onHand:\n              type: integer\n', added),
    );
  } finally {
    await api.dispose();
  }
});

/** On the live tail, publishes a conforming and a violating message on `channel` until the tail shows both. */
async function showTraffic(page: Page): Promise<void> {
  await expect(page.getByText('Connected', { exact: true })).toBeVisible();
  const rows = page.getByTestId('tail-row').filter({ hasText: channel });
  // Publish until the tab's subscription is live: a message sent before it is not in the tail.
  await expect
    .poll(async () => {
      redisCli('PUBLISH', channel, '{"sku":"a-1","onHand":3}');
      redisCli('PUBLISH', channel, '{"sku":42}');
      return (await rows.filter({ hasText: 'conforms' }).count()) > 0 && (await rows.filter({ hasText: 'violates' }).count()) > 0;
    })
    .toBe(true);
}

/** No axe-core violation of WCAG 2 A/AA, and nothing wider than the window. */
async function expectAccessible(page: Page): Promise<void> {
  const { violations } = await new AxeBuilder({ page }).withTags(WCAG_TAGS).analyze();
  const found = violations.map((v) => `${v.id}: ${v.help} (${v.nodes.map((node) => node.target.join(' ')).join(', ')})`);
  expect(found).toEqual([]);
  const overflow = await page.evaluate(() => (document.scrollingElement?.scrollWidth ?? 0) - window.innerWidth);
  expect(overflow, 'the page scrolls sideways').toBeLessThanOrEqual(0);
}

/** The main navigation shows every link whole, none off the side, in one or two rows across the width. */
async function expectWholeNavigation(page: Page): Promise<void> {
  const nav = page.getByRole('navigation', { name: 'Main' });
  expect(await nav.evaluate((element) => element.scrollWidth - element.clientWidth), 'the navigation scrolls sideways').toBeLessThanOrEqual(
    0,
  );
  const rows = new Set<number>();
  for (const link of await nav.getByRole('link').all()) {
    await expect(link).toBeInViewport({ ratio: 1 });
    rows.add(Math.round((await link.boundingBox())?.y ?? -1));
  }
  expect(rows.size, 'rows of navigation links').toBeLessThanOrEqual(2);
}

for (const width of WIDTHS) {
  test.describe(`at ${width} px`, () => {
    test.use({ viewport: { width, height: 900 } });

    for (const screen of LOCAL_SCREENS) {
      test(`${screen.name} passes axe and fits the width`, async ({ page }) => {
        await page.goto(screen.path);
        await screen.ready(page);
        await expectAccessible(page);
      });
    }

    test.describe('signed in', () => {
      test.use({ baseURL: REQUIRED_AUTH.url });

      test('sign-in passes axe and fits the width', async ({ page }) => {
        await page.goto('/login');
        await expect(page.getByRole('button', { name: 'Sign in' })).toBeVisible();
        await expectAccessible(page);
      });

      for (const screen of SIGNED_IN_SCREENS) {
        test(`${screen.name} passes axe and fits the width`, async ({ page }) => {
          await page.goto(`/login?next=${encodeURIComponent(screen.path)}`);
          await page.getByLabel('Email').fill(REQUIRED_AUTH.email);
          await page.getByLabel('Password').fill(REQUIRED_AUTH.password);
          await page.getByLabel('Password').press('Enter');
          await expect(page).toHaveURL(new RegExp(`${screen.path}$`));
          await screen.ready(page);
          await expectAccessible(page);
        });
      }

      test('beside the account menu, every navigation link is on screen, in at most two rows', async ({ page }) => {
        await page.goto('/login?next=%2Ftokens');
        await page.getByLabel('Email').fill(REQUIRED_AUTH.email);
        await page.getByLabel('Password').fill(REQUIRED_AUTH.password);
        await page.getByLabel('Password').press('Enter');
        await expect(page.getByTestId('account-menu')).toBeVisible();
        await expectWholeNavigation(page);
      });
    });

    test('every navigation link is on screen, in at most two rows', async ({ page }) => {
      await page.goto('/');
      await expectWholeNavigation(page);
    });

    test('a tail row shows its whole channel, a violating one too', async ({ page }) => {
      await page.goto('/live');
      await showTraffic(page);
      for (const status of ['conforms', 'violates']) {
        const name = page
          .getByTestId('tail-row')
          .filter({ hasText: status })
          .filter({ hasText: channel })
          .first()
          .locator('.live-row__channel');
        await expect(name).toHaveText(channel);
        // Below the filters on a phone: scrolled to, as its reader would.
        await name.scrollIntoViewIfNeeded();
        await expect(name).toBeInViewport({ ratio: 1 });
        // Cut with an ellipsis, the text would be wider than its box.
        expect(await name.evaluate((element) => element.scrollWidth - element.clientWidth)).toBeLessThanOrEqual(0);
      }
    });
  });
}

test('on /documents/new the keyboard goes upload, editor, Register, and Tab leaves the editor for Register', async ({ page }) => {
  await page.goto('/documents/new');
  const upload = page.getByLabel('Upload a file');
  const editor = page.getByRole('textbox', { name: 'AsyncAPI document' });
  const register = page.getByRole('button', { name: 'Register' });
  await upload.focus();
  await page.keyboard.press('Tab');
  await expect(editor).toBeFocused();
  await page.keyboard.type('asyncapi: 3.0.0');
  await page.keyboard.press('Tab');
  await expect(register).toBeFocused();
  expect(await page.evaluate(() => document.activeElement === document.body)).toBe(false);
  await page.keyboard.press('Shift+Tab');
  await expect(editor).toBeFocused();
  await expect(editor).toHaveValue('asyncapi: 3.0.0');
});

test("the empty queue's curl command names the portal's own address", async ({ page }) => {
  // Other runs may have processed events on this Redis: answer the page's polls with none processed.
  await page.route('/api/queue', async (route) => {
    const response = await route.fetch();
    await route.fulfill({ response, json: { ...(await response.json()), recentlyProcessed: [] } });
  });
  await page.goto('/queue');
  const origin = new URL(page.url()).origin;
  await expect(page.getByTestId('queue-empty-command')).toHaveText(`curl -X POST --data 'hello' ${origin}/deferred-exec`);
});
