import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { compilePayloadChecker } from '../../asyncapi/payload-schema.ts';
import { validateDocument } from '../../asyncapi/validate.ts';
import { draftDocument } from './draft.ts';
import { inferSchema } from './infer-schema.ts';
import { parseWindow } from './window.ts';

const MINUTE = 60_000;

test('windows are minutes, hours or days, at most 30 days', () => {
  assert.equal(parseWindow('15m'), 15 * MINUTE);
  assert.equal(parseWindow('24h'), 24 * 60 * MINUTE);
  assert.equal(parseWindow('30d'), 30 * 24 * 60 * MINUTE);
  for (const bad of ['', '0m', '31d', '1w', '-5m', '5', 'm5', '1.5h']) assert.equal(parseWindow(bad), null, bad);
});

test('a schema inferred from a sample requires what the sample has and accepts the sample', () => {
  const sample = { orderId: 'o-1', total: 9.5, quantity: 2, paid: true, at: '2026-11-23T10:00:00Z', lines: [{ sku: 'A' }], note: null };
  const schema = inferSchema(sample);
  assert.deepEqual(schema, {
    type: 'object',
    properties: {
      orderId: { type: 'string' },
      total: { type: 'number' },
      quantity: { type: 'integer' },
      paid: { type: 'boolean' },
      at: { type: 'string', format: 'date-time' },
      lines: { type: 'array', items: { type: 'object', properties: { sku: { type: 'string' } }, required: ['sku'] } },
      note: { type: 'null' },
    },
    required: ['orderId', 'total', 'quantity', 'paid', 'at', 'lines', 'note'],
  });
  assert.equal(compilePayloadChecker(schema)(JSON.stringify(sample)).status, 'conforms');
  assert.equal(compilePayloadChecker(schema)('{"orderId":"o-2"}').status, 'violates');
});

describe('a draft document from an undocumented channel', () => {
  test('is a valid AsyncAPI 3.0 document whose message accepts the sample it was drafted from', async () => {
    const sample = '{"orderId":"o-1","amount":12.5}';
    const result = await validateDocument(draftDocument('orders.refunded', sample));
    assert.ok(result.valid, result.valid ? '' : `${result.error} ${JSON.stringify(result.diagnostics)}`);
    assert.equal(result.document.title, 'Draft: orders.refunded');
    assert.deepEqual(
      result.document.channels.map((c) => c.address),
      ['orders.refunded'],
    );
    const [message] = result.document.messages;
    assert.ok(message);
    assert.equal(compilePayloadChecker(message.payload)(sample).status, 'conforms');
    assert.deepEqual(message.examples, [JSON.parse(sample)]);
  });

  test('a text payload and an address with characters a channel id cannot hold still make a valid draft', async () => {
    const result = await validateDocument(draftDocument('tenant:42/alerts#high', '<b>disk full</b>'));
    assert.ok(result.valid, result.valid ? '' : `${result.error} ${JSON.stringify(result.diagnostics)}`);
    assert.deepEqual(
      result.document.channels.map((c) => [c.key, c.address]),
      [['tenant-42-alerts-high', 'tenant:42/alerts#high']],
    );
    assert.equal(result.document.messages[0]?.contentType, 'text/plain');
  });

  test('a JSON sample cut at 4 KB gets an open payload schema and says why, not a string schema from the fragment', async () => {
    const whole = JSON.stringify({ blob: 'x'.repeat(10_000) });
    const result = await validateDocument(draftDocument('blobs.stored', whole.slice(0, 4_096), Buffer.byteLength(whole)));
    assert.ok(result.valid, result.valid ? '' : `${result.error} ${JSON.stringify(result.diagnostics)}`);
    const [message] = result.document.messages;
    assert.deepEqual([message?.payload, message?.examples], [{}, []]);
    assert.match(JSON.stringify(result.resolved), /more than the 4 KB of it the portal keeps/);
  });
});
