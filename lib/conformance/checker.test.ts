import assert from 'node:assert/strict';
import { before, test } from 'node:test';
import { ConformanceChecker } from './checker.ts';
import { resolveConformance } from '../common/conformance.ts';
import { indexedExample } from '../../testing/indexed-example.ts';

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
