import { expect, test } from '@playwright/test';
import { redisCli, registerDocument, seedExamples, uniqueDocument } from './helpers.ts';

seedExamples('greenhouse-sensors.yaml');

test('a catalogued channel fills the form; an invalid payload is refused until sent anyway, on purpose', async ({ page }) => {
  await page.goto('/live');
  await expect(page.getByText('Connected', { exact: true })).toBeVisible();
  await page.getByLabel('Catalogued channel').selectOption({ label: 'greenhouse/{zone}/sensor/{sensorId}/reading — SensorReading' });

  // The topic comes from the address, with the parameters' defaults and examples, and follows the fields.
  const topicField = page.getByLabel('Topic');
  await expect(topicField).toHaveValue('greenhouse/north/sensor/th-0042/reading');
  await expect(page.getByLabel('Payload')).toHaveValue(/"sensorId": "th-0042"/);
  const sensorId = `th-${Date.now()}`;
  await page.getByLabel('sensorId').fill(sensorId);
  await page.getByLabel('zone').fill('middle');
  await expect(page.getByText('“middle” is not an allowed value.')).toBeVisible();
  // The server refuses it as the live tail would count it: a violation, named, with "Send anyway".
  await page.getByRole('button', { name: 'Publish' }).click();
  const parameterErrors = page.getByTestId('payload-errors');
  await expect(parameterErrors).toContainText('The address parameter zone ("middle") does not match its schema; nothing was sent');
  await expect(parameterErrors.getByRole('listitem').filter({ hasText: '{zone}' })).toContainText('must be one of "north"');
  await expect(parameterErrors.getByRole('button', { name: 'Send anyway' })).toBeVisible();
  await page.getByLabel('zone').fill('south');
  await expect(page.getByText('“middle” is not an allowed value.')).toHaveCount(0);
  const topic = `greenhouse/south/sensor/${sensorId}/reading`;
  await expect(topicField).toHaveValue(topic);
  const rows = page.getByTestId('tail-row').filter({ hasText: topic });

  await page.getByRole('button', { name: 'Publish' }).click();
  await expect(page.getByTestId('publish-delivered')).toHaveText(
    /Delivered to \d+ subscribers? besides the portal(: nothing else is subscribed to this topic right now)?\. The payload matches its schema\./,
  );
  await expect(rows).toHaveCount(1);

  await page.getByLabel('Payload').fill('{"sensorId": 42, "humidity": 140}');
  await page.getByRole('button', { name: 'Publish' }).click();
  const errors = page.getByTestId('payload-errors');
  await expect(errors).toContainText('does not match the schema of SensorReading; nothing was sent');
  await expect(errors.getByRole('listitem').filter({ hasText: '/humidity' })).toContainText('must be <= 100');
  await expect(errors.getByRole('listitem').filter({ hasText: '/sensorId' })).toContainText('must be string');
  await expect(errors.getByRole('listitem').filter({ hasText: '(root)' })).toContainText("must have required property 'measuredAt'");
  // Nothing was sent: a marker published after the refusal reaches the tail, the refused payload never does.
  const marker = `e2e.marker.${Date.now()}`;
  redisCli('PUBLISH', marker, 'after the refusal');
  await expect(page.getByTestId('tail-row').filter({ hasText: marker })).toHaveCount(1);
  await expect(rows).toHaveCount(1);

  await errors.getByRole('button', { name: 'Send anyway' }).click();
  await expect(page.getByTestId('publish-delivered')).toHaveText(
    /^Sent an invalid payload on purpose — delivered to \d+ subscribers? besides the portal/,
  );
  await expect(errors).toHaveCount(0);
  await expect(page.getByRole('button', { name: 'Publish' })).toBeFocused();
  await expect(rows).toHaveCount(2);
  await rows.filter({ hasText: '140' }).click();
  await expect(page.getByTestId('tail-detail')).toContainText('"humidity": 140');
});

test('a message without an example starts from a sample generated from its schema', async ({ page, request }) => {
  const document = uniqueDocument('E2E Stock');
  await registerDocument(request, document.yaml);
  await page.goto('/publish');
  // Other specs register the same address under other titles: pick this document's channel.
  const option = page.locator(`optgroup[label="${document.title} 1.0.0"] option`);
  await expect(option).toHaveText('inventory/{warehouseId}/stock — StockChanged');
  await page.getByLabel('Catalogued channel').selectOption((await option.getAttribute('value')) ?? '');
  await expect(page.getByLabel('Payload')).toHaveValue(/"onHand": 0/);
  await expect(page.getByText('Generated from the schema of StockChanged')).toBeVisible();
  await expect(page.getByLabel('Topic')).toHaveValue('inventory/{warehouseId}/stock');

  // The parameter is required: the form says so instead of publishing to an unfilled address.
  await page.getByRole('button', { name: 'Publish' }).click();
  await expect(page.getByLabel('warehouseId')).toBeFocused();
  await expect(page.getByTestId('publish-delivered')).toHaveCount(0);

  await page.getByLabel('warehouseId').fill('w-1');
  await expect(page.getByLabel('Topic')).toHaveValue('inventory/w-1/stock');
  await page.getByRole('button', { name: 'Publish' }).click();
  await expect(page.getByTestId('publish-delivered')).toContainText('The payload matches its schema.');

  await page.getByLabel('Catalogued channel').selectOption({ label: 'Any topic' });
  await expect(page.getByLabel('Topic')).toHaveValue('inventory/w-1/stock');
  await expect(page.getByLabel('Topic')).toBeEditable();
});

test('with several messages on a channel, the chosen one fills the payload and checks it; Ctrl+Enter publishes', async ({
  page,
  request,
}) => {
  const title = `E2E Devices ${Date.now().toString(36)}`;
  await registerDocument(
    request,
    `asyncapi: 3.0.0
info: { title: ${title}, version: 1.0.0 }
channels:
  commands:
    address: device/{deviceId}/commands
    messages:
      Reboot:
        name: Reboot
        payload: { type: object, required: [delay], properties: { delay: { type: integer, minimum: 5 } } }
      Rename:
        name: Rename
        payload: { type: object, required: [name], properties: { name: { type: string } } }
        examples:
          - payload: { name: kitchen }
`,
  );
  await page.goto('/publish');
  const option = page.locator(`optgroup[label="${title} 1.0.0"] option`);
  await expect(option).toHaveText('device/{deviceId}/commands — Reboot, Rename');
  await page.getByLabel('Catalogued channel').selectOption((await option.getAttribute('value')) ?? '');
  await expect(page.getByLabel('Message')).toHaveValue('Reboot');
  await expect(page.getByLabel('Payload')).toHaveValue('{\n  "delay": 5\n}');

  await page.getByLabel('Message').selectOption({ label: 'Rename' });
  await expect(page.getByLabel('Payload')).toHaveValue('{\n  "name": "kitchen"\n}');
  await page.getByLabel('deviceId').fill('d-1');
  await page.getByLabel('Payload').press('Control+Enter');
  await expect(page.getByTestId('publish-delivered')).toContainText('The payload matches its schema.');

  await page.getByLabel('Payload').fill('{"delay": 5}');
  await page.getByLabel('Payload').press('Control+Enter');
  await expect(page.getByTestId('payload-errors')).toContainText("must have required property 'name'");
  await expect(page.getByTestId('publish-delivered')).toHaveCount(0);
});

test('a topic the handler would refuse is explained at its field before anything is sent', async ({ page }) => {
  const posts: string[] = [];
  page.on('request', (request) => {
    if (request.method() === 'POST' && new URL(request.url()).pathname === '/api/publish') posts.push(request.url());
  });
  await page.goto('/publish');
  await page.getByLabel('Payload').fill('{"a": 1}');
  await page.getByRole('button', { name: 'Publish' }).click();

  const topic = page.getByLabel('Topic');
  await expect(topic).toBeFocused();
  await expect(topic).toHaveAttribute('aria-invalid', 'true');
  await expect(topic).toHaveAccessibleDescription('The topic is empty: name the Redis channel to publish to.');
  expect(posts).toEqual([]);

  await topic.fill(`e2e.checked.${Date.now()}`);
  await expect(topic).not.toHaveAttribute('aria-invalid');
  await page.getByRole('button', { name: 'Publish' }).click();
  await expect(page.getByTestId('publish-delivered')).toContainText('Delivered to');
  expect(posts).toHaveLength(1);
});
