import assert from 'node:assert/strict';
import { before, test } from 'node:test';
import { ConformanceChecker } from './checker.ts';
import { resolveConformance } from '../common/conformance.ts';
import { indexedExample } from '../../testing/indexed-example.ts';
import { TrafficStats } from './traffic.ts';

const reading = JSON.stringify({ sensorId: 's-17', temperature: 21.5, measuredAt: '2026-11-23T10:00:00Z' });
let checker: ConformanceChecker;

before(async () => {
  checker = new ConformanceChecker();
  checker.load([...(await indexedExample('greenhouse-sensors.yaml')), ...(await indexedExample('user-signup-v2.yaml'))]);
});

test('a payload its channel’s schema accepts conforms, with the document, channel and parameters', () => {
  const { conformance, match } = checker.inspect('greenhouse/north/sensor/s-17/reading', Buffer.from(reading));
  assert.ok(match);
  assert.deepEqual(resolveConformance(conformance, { [match.ref]: match }), {
    status: 'conforms',
    document: { slug: 'greenhouse-sensors', version: '2.1.0', title: 'Greenhouse Sensors', status: 'released' },
    channel: { key: 'sensorReading', address: 'greenhouse/{zone}/sensor/{sensorId}/reading' },
    params: { zone: 'north', sensorId: 's-17' },
    message: 'SensorReading',
  });
  assert.deepEqual(
    conformance,
    { status: 'conforms', ref: match.ref, message: 'SensorReading' },
    'the match travels once per batch, not per message',
  );
  const again = checker.inspect('greenhouse/north/sensor/s-17/reading', Buffer.from(reading));
  assert.equal(again.match, match, 'one match per concrete channel');
  assert.notEqual(checker.inspect('greenhouse/south/sensor/s-17/reading', Buffer.from(reading)).match?.ref, match.ref);
});

test('a violating payload reports the first errors with their paths (3.x and 2.x)', () => {
  const bad = checker.inspect('greenhouse/north/sensor/s-17/reading', Buffer.from('{"sensorId":17,"humidity":140}')).conformance;
  assert.equal(bad.status, 'violates');
  assert.deepEqual(
    bad.errors?.map((e) => `${e.path} ${e.message}`),
    [" must have required property 'measuredAt'", '/sensorId must be string', '/humidity must be <= 100'],
  );
  const signup = checker.inspect(
    'user/5f0c2a9e-8a4e-4c3b-9a55-2b1c6f6f1a11/signedup',
    Buffer.from('{"userId":"not-a-uuid","email":"a@example.com"}'),
  ).conformance;
  assert.equal(signup.status, 'violates');
  assert.deepEqual(
    signup.errors?.map((e) => e.path),
    ['/userId'],
  );
  assert.equal(
    checker
      .inspect('greenhouse/north/alert', Buffer.from('not json'))
      .conformance.errors?.[0]?.message.startsWith('payload is not valid JSON'),
    true,
  );
});

test('parameter values must satisfy their schemas too, quoted as the strings they are', () => {
  const zone = checker.inspect('greenhouse/up/sensor/s-17/reading', Buffer.from(reading)).conformance;
  assert.equal(zone.status, 'violates');
  assert.deepEqual(zone.errors, [{ path: '{zone}', message: 'must be one of "north", "south", "east", "west"' }]);
  const both = checker.inspect('greenhouse/up/sensor/s-17/reading', Buffer.from('{"sensorId":"s"}')).conformance;
  assert.deepEqual(
    both.errors?.map((e) => e.path),
    ['{zone}', ''],
  );
  const user = checker.inspect(
    'user/42/signedup',
    Buffer.from('{"userId":"5f0c2a9e-8a4e-4c3b-9a55-2b1c6f6f1a11","email":"a@example.com"}'),
  ).conformance;
  assert.deepEqual(user.errors, [{ path: '{userId}', message: 'must match format "uuid"' }]);
  const good = checker.inspect(
    'user/5f0c2a9e-8a4e-4c3b-9a55-2b1c6f6f1a11/signedup',
    Buffer.from('{"userId":"5f0c2a9e-8a4e-4c3b-9a55-2b1c6f6f1a11","email":"a@example.com"}'),
  );
  assert.equal(good.conformance.status, 'conforms');
});

test('a channel the catalogue does not declare is undocumented', () => {
  assert.deepEqual(checker.inspect('greenhouse/north/door', Buffer.from('{}')), {
    conformance: { status: 'undocumented' },
    match: null,
    channel: null,
  });
});

test('a channel with several messages conforms when any schema accepts the payload', () => {
  const multi = new ConformanceChecker();
  const message = (id: number, key: string, required: string) => ({ id, key, payload: { type: 'object', required: [required] } });
  multi.load([
    {
      slug: 'multi',
      version: '1.0.0',
      title: 'Multi',
      status: 'released',
      channelKey: 'events',
      address: 'events',
      parameters: [],
      messages: [message(1, 'A', 'a'), message(2, 'B', 'b')],
    },
  ]);
  assert.equal(multi.inspect('events', Buffer.from('{"b":1}')).conformance.message, 'B');
  const neither = multi.inspect('events', Buffer.from('{"c":1}')).conformance;
  assert.equal(neither.status, 'violates');
  assert.equal(neither.message, 'A', 'the errors of the first message are reported');
  assert.deepEqual(neither.errors, [{ path: '', message: "must have required property 'a'" }]);
});

test('a message without a payload schema is unchecked, and says why', () => {
  const plain = new ConformanceChecker();
  plain.load([
    {
      slug: 'p',
      version: '1.0.0',
      title: 'P',
      status: 'released',
      channelKey: 'c',
      address: 'c',
      parameters: [],
      messages: [{ id: 9, key: 'M', payload: null }],
    },
  ]);
  const result = plain.inspect('c', Buffer.from('anything')).conformance;
  assert.equal(result.status, 'unchecked');
  assert.match(result.reason ?? '', /no payload schema/);
});

test('traffic counts messages and violations per catalogued channel, and undocumented channels with a sample', () => {
  const traffic = new TrafficStats(1_000, 2);
  traffic.setChannels(checker.channels);
  const record = (channel: string, payload: string, at: number): void => {
    const buffer = Buffer.from(payload);
    traffic.record(checker.inspect(channel, buffer), channel, buffer, at);
  };
  record('greenhouse/north/sensor/s-1/reading', reading, 2_000);
  record('greenhouse/south/sensor/s-2/reading', '{}', 3_000);
  record('unknown/a', 'first', 4_000);
  record('unknown/b', 'b', 5_000);
  record('unknown/a', 'x'.repeat(10_000), 6_000);
  record('unknown/c', 'c', 7_000);
  const snapshot = traffic.snapshot();
  assert.equal(snapshot.since, 1_000);
  const sensor = snapshot.catalogued.find((c) => c.channelKey === 'sensorReading');
  assert.deepEqual(sensor && { messages: sensor.messages, violations: sensor.violations, lastSeen: sensor.lastSeen }, {
    messages: 2,
    violations: 1,
    lastSeen: 3_000,
  });
  const alert = snapshot.catalogued.find((c) => c.channelKey === 'zoneAlert');
  assert.deepEqual(
    alert && { messages: alert.messages, lastSeen: alert.lastSeen },
    { messages: 0, lastSeen: null },
    'silent channels are listed',
  );
  assert.deepEqual(
    snapshot.undocumented.map((u) => [u.channel, u.messages]),
    [
      ['unknown/c', 1],
      ['unknown/a', 2],
    ],
    'the least recently seen is evicted',
  );
  assert.equal(snapshot.undocumented[1]?.samplePayload.length, 4_096);
  assert.deepEqual(
    traffic.snapshot({ slug: 'user-accounts' }).catalogued.map((c) => c.channelKey),
    ['user/{userId}/signedup', 'user/{userId}/deleted'],
  );
});

test('undocumented channels are bounded in bytes too: long names and samples evict the least recently seen', () => {
  const traffic = new TrafficStats(1_000, 1_000, 64 * 1024);
  traffic.setChannels(checker.channels);
  for (let i = 0; i < 100; i++) {
    const channel = `unknown/${i}/${'n'.repeat(3_000)}`;
    const buffer = Buffer.from('p'.repeat(4_000));
    traffic.record(checker.inspect(channel, buffer), channel, buffer, i);
  }
  const kept = traffic.snapshot().undocumented;
  assert.equal(kept.length, 9, 'nine 7 KB channels fit in 64 KB');
  assert.match(kept[0]!.channel, /^unknown\/99\//);
});

test('one huge undocumented channel name is kept cut, and evicts nothing', () => {
  const traffic = new TrafficStats(1_000, 1_000, 64 * 1024);
  traffic.setChannels(checker.channels);
  const record = (channel: string): void => traffic.record(checker.inspect(channel, Buffer.from('x')), channel, Buffer.from('x'), 1);
  record('unknown/small');
  record(`unknown/${'n'.repeat(10 * 1024 * 1024)}`);
  const kept = traffic.snapshot().undocumented.map((u) => u.channel);
  assert.equal(kept.length, 2);
  assert.equal(kept[0]!.length, 4_097);
  assert.ok(kept[0]!.endsWith('…'));
  assert.equal(kept[1], 'unknown/small');
});
