import { expect, test, type APIRequestContext } from '@playwright/test';
import { breakingVersion, registerDocument, uniqueDocument } from './helpers.ts';

async function post(request: APIRequestContext, raw: string, query = ''): Promise<{ status: number; body: Record<string, unknown> }> {
  const response = await request.post(`/api/documents${query}`, { data: raw, headers: { 'Content-Type': 'application/yaml' } });
  return { status: response.status(), body: (await response.json()) as Record<string, unknown> };
}

test('a breaking version is refused in the form until forced; the diff and lifecycle show on the document', async ({ page, request }) => {
  const doc = uniqueDocument('E2E Governance');
  await registerDocument(request, doc.yaml);

  await page.goto('/documents/new');
  await page.getByLabel('AsyncAPI document').fill(breakingVersion(doc.yaml, '1.1.0'));
  await page.getByRole('button', { name: 'Register' }).click();
  const result = page.getByRole('complementary', { name: 'Registration result' });
  await expect(result.getByRole('alert')).toContainText('2 breaking changes against 1.0.0 without a major version bump');
  const breaking = page.getByRole('list', { name: 'Breaking changes', exact: true });
  await expect(breaking).toContainText('StockChanged payload "onHand": property removed');
  await expect(breaking).toContainText('StockChanged payload "warehouse": new required property');
  await expect(page).toHaveURL(/\/documents\/new/);

  await page.getByLabel('Register despite breaking changes').check();
  await page.getByRole('button', { name: 'Register' }).click();
  await expect(page).toHaveURL(new RegExp(`/documents/${doc.slug}\\?version=1\\.1\\.0`));
  await expect(page.locator('.doc-header').getByText('forced', { exact: true })).toBeVisible();
  await expect(page.getByText(/Forced: registered despite 2 breaking changes/)).toBeVisible();

  await page.getByRole('link', { name: 'Compare versions' }).click();
  await expect(page).toHaveURL(new RegExp(`/documents/${doc.slug}/diff`));
  await expect(page.getByLabel('From version')).toHaveValue('1.0.0');
  await expect(page.getByLabel('To version')).toHaveValue('1.1.0');
  const breakingGroup = page.getByRole('list', { name: 'Breaking changes', exact: true });
  await expect(breakingGroup).toContainText('"onHand": property removed');
  await expect(breakingGroup.getByText('breaking', { exact: true }).first()).toBeVisible();

  await page.getByLabel('From version').selectOption('1.1.0');
  await page.getByRole('button', { name: 'Compare' }).click();
  await expect(page.getByRole('heading', { name: 'No differences' })).toBeVisible();

  await page.goto(`/documents/${doc.slug}?version=1.1.0`);
  await expect(page.getByTestId('lifecycle-banner')).toHaveCount(0);
  await page.getByLabel('Status').selectOption('deprecated');
  await page.waitForLoadState('networkidle');
  await expect(page.getByTestId('lifecycle-banner'), 'choosing alone saves nothing').toHaveCount(0);
  await page.getByRole('button', { name: 'Save status' }).press('Enter');
  await expect(page.getByTestId('lifecycle-banner')).toContainText('Version 1.1.0 is deprecated');
  await expect(page.getByRole('button', { name: 'Save status' })).toHaveCount(0);
  await page.reload();
  await expect(page.getByLabel('Status')).toHaveValue('deprecated');
  await expect(page.getByTestId('version-status')).toHaveText('deprecated');

  await page.goto(`/?q=${encodeURIComponent(doc.title)}`);
  await expect(page.getByTestId('document-card').filter({ hasText: doc.title }).getByTestId('version-status')).toHaveText('deprecated');
});

test('the REST API refuses breaking versions with the list, records forced ones, diffs and sets statuses', async ({ request }) => {
  const doc = uniqueDocument('E2E Governance API');
  await registerDocument(request, doc.yaml);
  const before = (await (await request.get(`/api/documents/${doc.slug}`)).json()) as { versions: unknown[] };

  const refused = await post(request, breakingVersion(doc.yaml, '1.1.0'));
  expect(refused.status).toBe(409);
  expect(refused.body.error).toMatch(/force=true/);
  expect((refused.body.breakingChanges as { type: string }[]).map((c) => c.type)).toEqual(['breaking', 'breaking']);
  const after = (await (await request.get(`/api/documents/${doc.slug}`)).json()) as { versions: unknown[] };
  expect(after.versions).toHaveLength(before.versions.length);

  const forced = await post(request, breakingVersion(doc.yaml, '1.1.0'), '?force=true');
  expect([forced.status, forced.body.forced]).toEqual([201, true]);
  // Back to the first shape drops `warehouse` again: breaking, but allowed by the major bump.
  const major = await post(request, doc.yaml.replace('version: 1.0.0', 'version: 2.0.0'));
  expect([major.status, major.body.forced]).toEqual([201, false]);
  const stored = (await (await request.get(`/api/documents/${doc.slug}/versions/1.1.0`)).json()) as {
    forced: boolean;
    status: string;
    overriddenChanges: unknown[];
  };
  expect([stored.forced, stored.status, stored.overriddenChanges.length]).toEqual([true, 'released', 2]);
  expect((await post(request, breakingVersion(doc.yaml, '1.1.0'))).status).toBe(200);

  const diff = await request.get(`/api/documents/${doc.slug}/diff?from=1.0.0&to=1.1.0`);
  expect(diff.status()).toBe(200);
  const body = (await diff.json()) as {
    from: string;
    to: string;
    summary: { breaking: number };
    changes: { type: string; kind: string; path: string; description: string }[];
  };
  expect([body.from, body.to, body.summary.breaking]).toEqual(['1.0.0', '1.1.0', 2]);
  expect(body.changes).toContainEqual({
    type: 'breaking',
    kind: 'remove',
    path: '/channels/stockChanged/messages/StockChanged/payload/properties/onHand',
    description: 'StockChanged payload "onHand": property removed',
  });
  expect((await request.get(`/api/documents/${doc.slug}/diff?from=1.0.0`)).status()).toBe(400);
  expect((await request.get(`/api/documents/${doc.slug}/diff?from=1.0.0&to=9.9.9`)).status()).toBe(404);

  const patch = (version: string, data: unknown) => request.patch(`/api/documents/${doc.slug}/versions/${version}`, { data });
  const deprecated = await patch('1.0.0', { status: 'deprecated' });
  expect(deprecated.status()).toBe(200);
  expect(await deprecated.json()).toEqual({ slug: doc.slug, version: '1.0.0', status: 'deprecated' });
  const unknownStatus = await patch('1.0.0', { status: 'gone' });
  expect(unknownStatus.status()).toBe(422);
  expect((await unknownStatus.json()).error).toMatch(/draft, released, deprecated, retired/);
  expect((await patch('9.9.9', { status: 'retired' })).status()).toBe(404);
});

test('an admin sets a document’s compatibility mode on its page, and registrations follow it', async ({ page, request }) => {
  const doc = uniqueDocument('E2E Compatibility');
  await registerDocument(request, doc.yaml);
  await page.goto(`/documents/${doc.slug}`);
  const mode = page.getByLabel('Compatibility');
  await expect(mode).toHaveValue('default');
  await expect(page.getByText('BACKWARD: a new version must not break against the latest version.')).toBeVisible();

  await mode.focus();
  await mode.selectOption('NONE');
  await page.getByRole('button', { name: 'Save mode' }).press('Enter');
  await expect(page.getByText('NONE: versions are not checked against each other.')).toBeVisible();
  await expect(page.getByRole('button', { name: 'Save mode' })).toHaveCount(0);
  await page.reload();
  await expect(page.getByLabel('Compatibility')).toHaveValue('NONE');

  const breaking = await post(request, breakingVersion(doc.yaml, '1.1.0'));
  expect([breaking.status, breaking.body.forced]).toEqual([201, false]);
  const compatibility = (await (await request.get(`/api/documents/${doc.slug}/compatibility`)).json()) as Record<string, unknown>;
  expect(compatibility).toMatchObject({ mode: 'NONE', source: 'document', defaultMode: 'BACKWARD' });
});
