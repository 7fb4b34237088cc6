import assert from 'node:assert/strict';
import { before, test } from 'node:test';
import { indexedExample } from '../../testing/indexed-example.ts';
import { ConformanceChecker } from '../conformance/checker.ts';
import { TrafficBatch } from './batch.ts';

const reading = JSON.stringify({ sensorId: 's-17', temperature: 21.5, measuredAt: '2026-11-23T10:00:00Z' });
let checker: ConformanceChecker;

before(async () => {
  checker = new ConformanceChecker();
  checker.load(await indexedExample('greenhouse-sensors.yaml'));
});

function recorder(batch: TrafficBatch) {
  return (channel: string, payload: string | Buffer, at: number): void => {
    const buffer = Buffer.from(payload);
    batch.record(checker.inspect(channel, buffer), channel, buffer, at);
  };
}

test('a batch sums messages and violations per catalogued channel, with the latest time seen', () => {
  const batch = new TrafficBatch();
  const record = recorder(batch);
  assert.equal(batch.empty, true);
  record('greenhouse/north/sensor/s-1/reading', reading, 3_000);
  record('greenhouse/south/sensor/s-2/reading', '{}', 2_000);
  record('greenhouse/north/alert', '{"zone":"north","kind":"too-hot","value":41}', 4_000);
  assert.equal(batch.empty, false);
  assert.deepEqual(
    [...batch.catalogued.values()].map((d) => [d.channel.channelKey, d.messages, d.violations, d.lastSeen]),
    [
      ['sensorReading', 2, 1, 3_000],
      ['zoneAlert', 1, 0, 4_000],
    ],
  );
  assert.equal(batch.undocumented.size, 0);
});

test('undocumented channels keep their latest sample, cut at 4 KB, and the least recently seen go past the bound', () => {
  const batch = new TrafficBatch({ maxChannels: 2, maxBytes: 1024 * 1024 });
  const record = recorder(batch);
  record('unknown/a', 'first', 1);
  record('unknown/b', 'b', 2);
  record('unknown/a', 'x'.repeat(10_000), 3);
  record('unknown/c', 'c', 4);
  assert.deepEqual(
    [...batch.undocumented].map(([name, d]) => [name, d.messages, d.lastSeen, d.sample.length, d.sampleBytes]),
    [
      ['unknown/a', 2, 3, 4_096, 10_000],
      ['unknown/c', 1, 4, 1, 1],
    ],
  );
});

test('undocumented channels are bounded in bytes too: long names and samples evict the least recently seen', () => {
  const batch = new TrafficBatch({ maxChannels: 1_000, maxBytes: 64 * 1024 });
  const record = recorder(batch);
  for (let i = 0; i < 100; i++) record(`unknown/${i}/${'n'.repeat(3_000)}`, 'p'.repeat(4_000), i);
  const kept = [...batch.undocumented.keys()];
  assert.equal(kept.length, 9, 'nine 7 KB channels fit in 64 KB');
  assert.match(kept.at(-1)!, /^unknown\/99\//);
});

test('one huge undocumented channel name is kept cut, and evicts nothing', () => {
  const batch = new TrafficBatch({ maxChannels: 1_000, maxBytes: 64 * 1024 });
  const record = recorder(batch);
  record('unknown/small', 'x', 1);
  record(`unknown/${'n'.repeat(10 * 1024 * 1024)}`, 'x', 1);
  const kept = [...batch.undocumented.keys()];
  assert.equal(kept.length, 2);
  assert.equal(kept[1]!.length, 4_097);
  assert.ok(kept[1]!.endsWith('…'));
});

test('undocumented channels the catalogue now describes are dropped', () => {
  const batch = new TrafficBatch();
  const record = recorder(batch);
  record('orders.created', '{}', 1);
  record('unknown/a', '{}', 2);
  batch.forgetDocumented((channel) => channel === 'orders.created');
  assert.deepEqual([...batch.undocumented.keys()], ['unknown/a']);
});
