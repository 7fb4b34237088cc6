import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { Redis } from 'ioredis';
import { compilePayloadChecker } from '../../asyncapi/payload-schema.ts';
import { validateDocument } from '../../asyncapi/validate.ts';
import { freePort, startRedis, type RunningService } from '../../scripts/testing/services.ts';
import { connectBroker } from '../broker/redis.ts';
import type { CataloguedChannelTraffic, TrafficSnapshot } from '../conformance/traffic.ts';
import { draftDocument } from './draft.ts';
import { inferSchema } from './infer-schema.ts';
import { driftReport } from './report.ts';
import { subscriberCounter } from './subscribers.ts';
import { parseWindow } from './window.ts';

const NOW = Date.parse('2026-11-23T12:00:00Z');
const MINUTE = 60_000;

function catalogued(address: string, lastSeen: number | null): CataloguedChannelTraffic {
  return {
    slug: 'shop',
    version: '1.0.0',
    title: 'Shop',
    channelKey: address,
    address,
    messages: lastSeen ? 3 : 0,
    violations: 0,
    lastSeen,
  };
}

const snapshot: TrafficSnapshot = {
  since: NOW - 120 * MINUTE,
  catalogued: [
    catalogued('orders.created', NOW - 1 * MINUTE),
    catalogued('orders.shipped', NOW - 90 * MINUTE),
    catalogued('orders.cancelled', null),
    catalogued('greenhouse/{zone}/reading', null),
  ],
  undocumented: [
    { channel: 'orders.refunded', messages: 2, lastSeen: NOW - 5 * MINUTE, samplePayload: '{"orderId":"o-1"}', sampleBytes: 17 },
    { channel: 'debug', messages: 1, lastSeen: NOW - 1 * MINUTE, samplePayload: 'ping', sampleBytes: 4 },
  ],
};

describe('drift report', () => {
  let redis: RunningService;
  let client: Redis;
  let listener: Redis;
  before(async () => {
    redis = await startRedis();
    client = new Redis(redis.url);
    listener = new Redis(redis.url);
    await listener.subscribe('orders.created');
  });
  after(async () => {
    client.disconnect();
    listener.disconnect();
    await redis.stop();
  });

  test('lists silent catalogued channels for the window, undocumented ones, and those nobody subscribes to', async () => {
    const report = await driftReport(snapshot, { windowMs: 60 * MINUTE, countSubscribers: subscriberCounter(client), now: NOW });
    assert.deepEqual(
      report.undocumented.map((u) => u.channel),
      ['debug', 'orders.refunded'],
    );
    assert.deepEqual(
      report.silent.map((c) => c.address),
      ['greenhouse/{zone}/reading', 'orders.cancelled', 'orders.shipped'],
    );
    assert.deepEqual(
      report.unsubscribed?.map((c) => c.address),
      ['orders.shipped', 'orders.cancelled'],
    );
    assert.equal(report.parameterisedNotChecked, 1);
    assert.equal(report.brokerError, undefined);
  });

  test('a wider window makes fewer channels silent', async () => {
    const report = await driftReport(snapshot, { windowMs: 120 * MINUTE, countSubscribers: subscriberCounter(client), now: NOW });
    assert.deepEqual(
      report.silent.map((c) => c.address),
      ['greenhouse/{zone}/reading', 'orders.cancelled'],
    );
  });

  test('with the broker down the rest of the report still comes back, with the reason', async () => {
    const dead = connectBroker(`redis://127.0.0.1:${await freePort()}`);
    const report = await driftReport(snapshot, { windowMs: 60 * MINUTE, countSubscribers: subscriberCounter(dead.redis), now: NOW });
    await dead.close();
    assert.equal(report.unsubscribed, null);
    assert.ok(report.brokerError);
    assert.equal(report.silent.length, 3);
  });
});

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
