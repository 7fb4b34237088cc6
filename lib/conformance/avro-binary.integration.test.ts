import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, test } from 'node:test';
import avro from 'avsc';
import type { Redis } from 'ioredis';
import { validateDocument } from '../../asyncapi/validate.ts';
import { openDatabase, type Database } from '../../prisma/db.ts';
import { readExample } from '../../testing/examples.ts';
import { useRedis, type TestRedis } from '../../testing/redis.ts';
import { dropTraffic, startCountingInstance, type CountingInstance } from '../../testing/traffic.ts';
import { waitUntil } from '../../testing/wait.ts';
import { createCatalogue, type Catalogue } from '../catalogue.ts';
import type { TailMessage } from '../live/events.ts';
import { trafficKeys } from '../traffic/keys.ts';

const READING = {
  sensorId: 's-1',
  takenAt: 1700000000000,
  celsius: 21.5,
  humidity: 0.5,
  location: { lat: 52.5, lon: 13.4 },
  tags: ['roof'],
};

let redis: TestRedis;
let database: Database;
let catalogue: Catalogue;
let publisher: Redis;
let portal: CountingInstance;
let type: avro.Type;
const keys = trafficKeys(randomUUID());

before(async () => {
  redis = await useRedis();
  database = await openDatabase({ pgliteDir: 'memory://' });
  await database.migrate();
  catalogue = createCatalogue({ db: database.prisma, validator: { validate: validateDocument } });
  assert.equal((await catalogue.register(await readExample('schema-formats/sensor-avro-binary-3.yaml'))).status, 'created');
  const version = await catalogue.getVersion('sensor-readings-avro-binary', '1.0.0');
  const original = version.channels[0]?.messages[0]?.payloadFormat?.original;
  type = avro.Type.forSchema(original as Parameters<typeof avro.Type.forSchema>[0]);
  publisher = redis.connect();
  portal = await startCountingInstance({
    target: { kind: 'server', url: redis.url },
    catalogue,
    keys,
    name: `${redis.prefix}avro-binary`,
    observePattern: `sensors/${redis.prefix}*`,
    flushMs: 20,
  });
  await waitUntil(() => portal.monitor.counting(), 'the instance to count traffic');
});

after(async () => {
  await portal?.stop();
  if (redis) await dropTraffic(redis.connect(), keys);
  await database?.close();
  await redis?.stop();
});

test('binary Avro on the broker reaches the tail decoded to Avro JSON and conforms; bytes that do not decode violate', async () => {
  const client = portal.live.connect();
  const received: TailMessage[] = [];
  client.on('tail:batch', (batch, ack) => {
    received.push(...batch.messages);
    ack();
  });
  const pattern = `sensors/${redis.prefix}*`;
  assert.deepEqual(await client.emitWithAck('tail:subscribe', { patterns: [pattern] }), { ok: true, patterns: [pattern] });
  const channel = `sensors/${redis.prefix}s-1/avro-readings`;
  const bytes = type.toBuffer(READING);
  await publisher.publish(channel, bytes);
  await publisher.publish(channel, Buffer.from([0x02, 0x61, 0xff]));
  await waitUntil(() => received.length === 2, 'both messages in the tail');

  const [decoded, broken] = received;
  assert.equal(decoded?.conformance?.status, 'conforms');
  assert.equal(decoded?.encoding, 'avro-binary');
  assert.equal(decoded?.size, bytes.length, 'the size of the bytes received, not of the JSON shown');
  assert.deepEqual(JSON.parse(decoded?.payload ?? ''), {
    ...READING,
    humidity: { float: 0.5 },
    location: { 'iot.sensors.Location': READING.location },
  });
  // Bytes that did not decode are not UTF-8 either: they reach the tail in base64, for its hex view.
  assert.equal(broken?.encoding, 'base64');
  assert.equal(broken?.payload, Buffer.from([0x02, 0x61, 0xff]).toString('base64'));
  assert.equal(broken?.conformance?.status, 'violates');
  assert.deepEqual(
    (broken?.conformance?.errors ?? []).map((e) => e.message),
    ['not valid Avro binary for iot.sensors.Reading: it ends inside a long (at byte 3 of 3)'],
  );

  await waitUntil(async () => {
    const counted = (await portal.monitor.snapshot()).catalogued.find((c) => c.channelKey === 'readings');
    return counted?.messages === 2 && counted.violations === 1;
  }, 'one message and one violation counted');
});
